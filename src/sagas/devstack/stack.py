"""The order the stack starts in, and what it prints once it is up.

Temporal first (its SQLite start overlaps the in-process migrations), then the PSP
simulator, the worker and the API, each waited for before the next so that a failure is
reported against the part that failed.
"""

from __future__ import annotations

import sys
import time

from sagas.devstack import temporal_server as ts
from sagas.devstack.plan import Plan
from sagas.devstack.ports import (
    PortClashError,
    PortInUseError,
    PortUnusableError,
    check_ports,
)
from sagas.devstack.ready import NotReadyError, http_ok, tcp_open, wait_for
from sagas.devstack.supervisor import ChildDiedError, StopRequestedError, Supervisor
from sagas.settings import Settings

TEMPORAL_READY_S = 60.0
SIM_READY_S = 30.0
WORKER_READY_S = 60.0
API_READY_S = 60.0


def _sagas(command: str) -> list[str]:
    return [sys.executable, "-m", "sagas.cli", command]


def start(plan: Plan, sup: Supervisor) -> None:
    """Start every part and wait for each; raises on a stop, a death or a deadline."""
    from sagas.db.migrate import upgrade

    s = plan.settings
    cli = ts.find_cli()
    plan.data_dir.mkdir(parents=True, exist_ok=True)
    env = plan.child_env()
    argv = ts.start_dev_argv(
        cli,
        db_file=plan.data_dir / "temporal.db",
        host=plan.temporal_host,
        port=plan.temporal_port,
        ui_port=s.temporal_ui_port,
        namespace=s.temporal_namespace,
    )
    sup.start("temporal", argv, env)
    say("running migrations")
    upgrade(plan.database_url)
    address = plan.temporal_address
    wait_for(
        "Temporal",
        lambda: tcp_open(plan.temporal_host, plan.temporal_port) and ts.healthy(cli, address),
        timeout_s=TEMPORAL_READY_S,
        guard=sup.guard,
    )
    added = ts.register_missing(cli, address, s.temporal_namespace)
    if added:
        say("registered search attributes: " + ", ".join(added))
    if plan.sim_on:
        sup.start("sim", _sagas("sim"), env)
        wait_for(
            "PSP simulator",
            lambda: http_ok(f"{plan.sim_url}/_sim/health"),
            timeout_s=SIM_READY_S,
            guard=sup.guard,
        )
    since = time.time()
    sup.start("worker", _sagas("worker"), env)
    wait_for(
        "worker",
        lambda: ts.worker_polling(cli, address, s.temporal_namespace, s.temporal_task_queue, since),
        timeout_s=WORKER_READY_S,
        guard=sup.guard,
        interval_s=1.0,
    )
    sup.start("api", _sagas("api"), env)
    wait_for(
        "API", lambda: http_ok(f"{plan.api_url}/readyz"), timeout_s=API_READY_S, guard=sup.guard
    )


def run(settings: Settings) -> int:
    """Run the stack until Ctrl-C/SIGTERM (exit 0) or a failure (non-zero); always clean up.

    Exit 2 means it never started (a port is taken or unusable, the CLI is missing).
    """
    plan = Plan.from_settings(settings)
    try:
        check_ports(plan.port_claims())
        ts.find_cli()
    except (PortInUseError, PortClashError, PortUnusableError, ts.TemporalCliMissingError) as exc:
        print(f"sagas dev: {exc}", file=sys.stderr, flush=True)
        return 2
    sup = Supervisor()
    sup.install_signal_handlers()
    try:
        start(plan, sup)
        print(banner(plan), flush=True)
        sup.watch()
    except StopRequestedError:
        say("stopping")
        return 0
    except ChildDiedError as exc:
        say(f"{exc}; stopping the stack")
        return 1
    except NotReadyError as exc:
        say(f"{exc}; stopping the stack")
        return 1
    finally:
        sup.stop_all()
        say("stopped")


def banner(plan: Plan) -> str:
    s = plan.settings
    rows = [
        ("API", plan.api_url),
        ("API docs", f"{plan.api_url}/docs"),
        ("Temporal UI", plan.ui_url),
        ("Temporal", f"{plan.temporal_address}  namespace {s.temporal_namespace}, "
                     f"task queue {s.temporal_task_queue}"),
    ]  # fmt: skip
    if plan.sim_on:
        rows.append(("PSP simulator", f"{plan.sim_url}  (Stripe /stripe, Razorpay /razorpay)"))
    else:
        rows.append(("PSPs", "real Stripe and Razorpay (PSP_SIMULATOR=off)"))
    rows.append(("Data", str(plan.data_dir)))
    lines = ["", "sagas dev: the stack is up", *(f"  {k:<16}{v}" for k, v in rows)]
    lines += ["Press Ctrl-C to stop everything.", ""]
    return "\n".join(lines)


def say(message: str) -> None:
    print(f"sagas dev: {message}", flush=True)
