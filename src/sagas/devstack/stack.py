"""The order the stack starts in.

Temporal first (its SQLite start overlaps the in-process migrations), then the PSP
simulator, the worker and the API, each waited for before the next so that a failure is
reported against the part that failed.
"""

from __future__ import annotations

import sys
import time

from sagas.devstack.banner import say
from sagas.devstack.plan import Plan
from sagas.devstack.probes import http_ok, tcp_open
from sagas.devstack.ready import wait_for
from sagas.devstack.supervisor import Supervisor
from sagas.devstack.temporal_server.attributes import register_missing
from sagas.devstack.temporal_server.cli import find_cli
from sagas.devstack.temporal_server.dev_server import start_dev_argv
from sagas.devstack.temporal_server.health import healthy, worker_polling

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
    cli = find_cli()
    plan.data_dir.mkdir(parents=True, exist_ok=True)
    env = plan.child_env()
    argv = start_dev_argv(
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
        lambda: tcp_open(plan.temporal_host, plan.temporal_port) and healthy(cli, address),
        timeout_s=TEMPORAL_READY_S,
        guard=sup.guard,
    )
    added = register_missing(cli, address, s.temporal_namespace)
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
        lambda: worker_polling(cli, address, s.temporal_namespace, s.temporal_task_queue, since),
        timeout_s=WORKER_READY_S,
        guard=sup.guard,
        interval_s=1.0,
    )
    sup.start("api", _sagas("api"), env)
    wait_for(
        "API", lambda: http_ok(f"{plan.api_url}/readyz"), timeout_s=API_READY_S, guard=sup.guard
    )
