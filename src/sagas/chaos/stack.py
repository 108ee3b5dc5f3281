"""What the campaign runs against: an embedded stack it owns (and may kill parts of),
or a running one it attaches to (``--api-url``), which it never kills.

The embedded stack is ``sagas dev``'s own start sequence on free ports (the worker's
metrics port too) and a throwaway data folder. Killing the worker is ``SIGKILL`` to its
process group, mid-activity, as a crash would; a new worker is started at once. The
Temporal restart is ``SIGTERM`` to the dev server and a start over the same SQLite file.
Every process started, including the replacements, is stopped when the block ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

from sagas.devstack.plan import Plan
from sagas.devstack.ports.free import free_ports
from sagas.devstack.probes import http_ok, tcp_open
from sagas.devstack.ready import wait_for
from sagas.devstack.stack import TEMPORAL_READY_S, WORKER_READY_S
from sagas.devstack.supervisor import Supervisor
from sagas.devstack.temporal_server.cli import find_cli
from sagas.devstack.temporal_server.health import healthy, worker_polling
from sagas.devstack.throwaway import throwaway_stack
from sagas.settings import Settings


@dataclass(frozen=True)
class Target:
    api_url: str
    sim_url: str
    database_url: str
    temporal_address: str
    namespace: str


class Controls:
    """Process faults; the attached stack has none (it is not ours to kill)."""

    can_kill = False

    def kill_worker(self) -> None:  # pragma: no cover - only called when can_kill
        raise NotImplementedError

    def restart_temporal(self) -> None:  # pragma: no cover - only called when can_kill
        raise NotImplementedError


class EmbeddedControls(Controls):
    can_kill = True

    def __init__(self, plan: Plan, sup: Supervisor) -> None:
        self.plan, self.sup = plan, sup

    def _replace(self, name: str, sig: signal.Signals) -> list[str]:
        old = next(c for c in reversed(self.sup.children) if c.name == name)
        old.signal_group(sig)
        try:
            old.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # it must go; SIGKILL cannot be refused
            old.signal_group(signal.SIGKILL)
            old.proc.wait()
        old.join_output()
        self.sup.children.remove(old)
        return old.argv

    def kill_worker(self) -> None:
        argv = self._replace("worker", signal.SIGKILL)
        since = time.time()
        self.sup.start("worker", argv, self.plan.child_env())
        s = self.plan.settings
        wait_for(
            "worker",
            lambda: worker_polling(
                find_cli(),
                self.plan.temporal_address,
                s.temporal_namespace,
                s.temporal_task_queue,
                since,
            ),
            timeout_s=WORKER_READY_S,
            interval_s=1.0,
        )

    def restart_temporal(self) -> None:
        argv = self._replace("temporal", signal.SIGTERM)
        self.sup.start("temporal", argv, self.plan.child_env())
        cli, address = find_cli(), self.plan.temporal_address
        wait_for(
            "Temporal",
            lambda: (
                tcp_open(self.plan.temporal_host, self.plan.temporal_port) and healthy(cli, address)
            ),
            timeout_s=TEMPORAL_READY_S,
        )


@contextlib.contextmanager
def embedded(settings: Settings, *, verbose: bool = False) -> Iterator[tuple[Target, Controls]]:
    """Start Temporal, migrations, simulator, worker and API on free ports; stop them all."""
    *ports, metrics_port = free_ports(5)
    previous = os.environ.get("WORKER_METRICS_PORT")
    os.environ["WORKER_METRICS_PORT"] = str(metrics_port)  # children inherit it
    try:
        with throwaway_stack(settings, ports, prefix="sagas-chaos-", verbose=verbose) as stack:
            plan, sup = stack
            target = Target(
                plan.api_url,
                plan.sim_url,
                plan.database_url,
                plan.temporal_address,
                plan.settings.temporal_namespace,
            )
            yield target, EmbeddedControls(plan, sup)
    finally:
        if previous is None:
            os.environ.pop("WORKER_METRICS_PORT", None)
        else:
            os.environ["WORKER_METRICS_PORT"] = previous


def attached(settings: Settings, api_url: str, sim_url: str | None) -> tuple[Target, Controls]:
    sim = (sim_url or f"http://127.0.0.1:{settings.psp_sim_port}").rstrip("/")
    if not http_ok(f"{sim}/_sim/health"):
        raise RuntimeError(f"no PSP simulator answers at {sim} (set --sim-url)")
    target = Target(
        api_url.rstrip("/"),
        sim,
        settings.database_url,
        settings.temporal_address,
        settings.temporal_namespace,
    )
    return target, Controls()
