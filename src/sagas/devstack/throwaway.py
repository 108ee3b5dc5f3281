"""A throwaway stack: ``sagas dev``'s own start sequence (Temporal's tuning included) on
ports the caller picked and a temporary data folder, every child stopped when the block
ends, whatever happens. What ``sagas bench`` measures and ``sagas chaos`` breaks."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from sagas.devstack.plan import Plan
from sagas.devstack.stack import start
from sagas.devstack.supervisor import Supervisor
from sagas.settings import Settings


@contextlib.contextmanager
def throwaway_stack(
    settings: Settings, ports: Sequence[int], *, prefix: str, verbose: bool = False
) -> Iterator[tuple[Plan, Supervisor]]:
    """Start Temporal, migrations, simulator, worker and API on ``ports`` (API, simulator,
    Temporal, Temporal UI); yield the plan and the supervisor of the children. Their logs
    go to stderr with ``verbose``, else nowhere: stdout is the caller's report."""
    api_port, sim_port, temporal_port, ui_port = ports
    with tempfile.TemporaryDirectory(prefix=prefix) as data:
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
        sink = sys.stderr if verbose else open(os.devnull, "w")  # noqa: SIM115
        try:
            with contextlib.redirect_stdout(sink):
                try:
                    start(plan, sup)
                    yield plan, sup
                finally:
                    sup.stop_all()
        finally:
            if sink is not sys.stderr:
                sink.close()
