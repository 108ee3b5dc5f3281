"""The process faults a load shorter than their triggers still owes."""

from __future__ import annotations

from ..options import Options
from ..progress import Progress
from ..stack import Controls
from .record import ProcessFaults, _shielded


async def finish_process_faults(
    controls: Controls, opts: Options, said: ProcessFaults, progress: Progress
) -> None:
    """A load shorter than its triggers still gets its Temporal restart and one kill."""
    if not controls.can_kill:
        return
    if opts.temporal_restart and said.temporal_restarts == 0:
        progress.say("restarting the Temporal server")
        await _shielded(controls.restart_temporal, said)
        said.temporal_restarts += 1
    if opts.worker_kill_every_s > 0 and said.worker_kills == 0:
        progress.say("killing the worker (SIGKILL) and starting a new one")
        await _shielded(controls.kill_worker, said)
        said.worker_kills += 1
