"""An embedded stack for one benchmark run: what ``sagas dev`` starts, on free ports and
a throwaway data folder, stopped (every child, whatever happens) when the run ends.

It reuses the dev stack's own start sequence (:func:`sagas.devstack.stack.start`), so the
figures are those of the stack a developer runs, Temporal's tuning included.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sagas.devstack.plan import Plan
from sagas.devstack.stack import start
from sagas.devstack.supervisor import Supervisor
from sagas.settings import Settings


@dataclass(frozen=True)
class Embedded:
    api_url: str
    sim_url: str
    pids: dict[str, int]  # part -> pid (worker, api)


def _free_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port not in ports:
            ports.append(port)
    return ports


@contextlib.contextmanager
def embedded_stack(settings: Settings, *, verbose: bool = False) -> Iterator[Embedded]:
    """Start Temporal, migrations, simulator, worker and API; yield where they are."""
    api_port, sim_port, temporal_port, ui_port = _free_ports(4)
    with tempfile.TemporaryDirectory(prefix="sagas-bench-") as data:
        configured = settings.model_copy(
            update={
                "api_port": api_port,
                "psp_sim_port": sim_port,
                "temporal_address": f"127.0.0.1:{temporal_port}",
                "temporal_ui_port": ui_port,
                "sagas_data_dir": Path(data),
                "psp_simulator": "on",
            }
        )
        plan = Plan.from_settings(configured)
        sup = Supervisor()
        # The children's logs go to stderr with --verbose, else nowhere: stdout is the report.
        sink = sys.stderr if verbose else open(os.devnull, "w")  # noqa: SIM115
        try:
            with contextlib.redirect_stdout(sink):
                try:
                    start(plan, sup)
                    pids = {c.name: c.pid for c in sup.children if c.name in ("worker", "api")}
                    yield Embedded(plan.api_url, plan.sim_url, pids)
                finally:
                    sup.stop_all()
        finally:
            if sink is not sys.stderr:
                sink.close()
