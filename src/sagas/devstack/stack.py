"""The order the stack starts in, and what it prints once it is up.

Temporal first (its SQLite start overlaps the in-process migrations), then the PSP
simulator, the worker and the API, each waited for before the next so that a failure is
reported against the part that failed. Children get the same settings through the
environment, with the dev stack's own wiring (data folder, Temporal address, simulator
base URLs) added where the user set nothing.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sagas.devstack import temporal_server as ts
from sagas.devstack.ports import PortClaim, PortClashError, PortInUseError, PortUnusableError
from sagas.devstack.ports import check_ports
from sagas.devstack.ready import NotReadyError, http_ok, tcp_open, wait_for
from sagas.devstack.supervisor import ChildDiedError, StopRequestedError, Supervisor
from sagas.settings import Settings

TEMPORAL_READY_S = 60.0
SIM_READY_S = 30.0
WORKER_READY_S = 60.0
API_READY_S = 60.0


@dataclass(frozen=True)
class Plan:
    """Addresses and wiring derived from the settings, computed before anything starts."""

    settings: Settings
    data_dir: Path
    temporal_host: str
    temporal_port: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Plan:
        host, port = ts.split_address(settings.temporal_address)
        return cls(settings, settings.sagas_data_dir.resolve(), ts.bind_ip(host), port)

    @property
    def sim_on(self) -> bool:
        return self.settings.psp_simulator == "on"

    @property
    def temporal_address(self) -> str:
        return f"{self.temporal_host}:{self.temporal_port}"

    @property
    def api_url(self) -> str:
        host = self.settings.api_host
        return f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{self.settings.api_port}"

    @property
    def sim_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.psp_sim_port}"

    @property
    def ui_url(self) -> str:
        return f"http://{self.temporal_host}:{self.settings.temporal_ui_port}"

    @property
    def database_url(self) -> str:
        if "database_url" in self.settings.model_fields_set:
            return self.settings.database_url
        return f"sqlite:///{self.data_dir / 'sagas.db'}"

    def port_claims(self) -> list[PortClaim]:
        s = self.settings
        claims = [
            PortClaim("API", s.api_host, s.api_port, "API_PORT"),
            PortClaim("Temporal", self.temporal_host, self.temporal_port, "TEMPORAL_ADDRESS"),
            PortClaim("Temporal UI", self.temporal_host, s.temporal_ui_port, "TEMPORAL_UI_PORT"),
        ]
        if self.sim_on:
            claims.append(PortClaim("PSP simulator", "127.0.0.1", s.psp_sim_port, "PSP_SIM_PORT"))
        return claims

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            PYTHONUNBUFFERED="1",
            SAGAS_DATA_DIR=str(self.data_dir),
            DATABASE_URL=self.database_url,
            TEMPORAL_ADDRESS=self.temporal_address,
            API_PORT=str(self.settings.api_port),
            PSP_SIM_PORT=str(self.settings.psp_sim_port),
        )
        if self.sim_on:
            if self.settings.stripe_api_base is None:
                env["STRIPE_API_BASE"] = f"{self.sim_url}/stripe"
            if self.settings.razorpay_api_base is None:
                env["RAZORPAY_API_BASE"] = f"{self.sim_url}/razorpay"
        return env


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
    return 0  # unreachable: watch() only ends by raising


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
    lines = ["", "sagas dev: the stack is up", *(f"  {k:<14}{v}" for k, v in rows)]
    lines += ["Press Ctrl-C to stop everything.", ""]
    return "\n".join(lines)


def say(message: str) -> None:
    print(f"sagas dev: {message}", flush=True)
