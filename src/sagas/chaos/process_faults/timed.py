"""The worker killed at intervals and Temporal restarted once, while the load runs."""

from __future__ import annotations

import asyncio
import time

from ..options import Options
from ..progress import Progress
from ..stack import Controls
from .record import ProcessFaults, _shielded


async def process_faults(
    controls: Controls, opts: Options, said: ProcessFaults, progress: Progress
) -> None:
    """Kill the worker every ``worker_kill_every_s`` (the first time already when a fifth
    of the load is done, so a short campaign sees one too); restart Temporal once, when
    two fifths are done. Runs until cancelled; a restart in progress finishes first."""
    if not controls.can_kill:
        return
    restart_due = opts.temporal_restart
    every = opts.worker_kill_every_s
    last_kill = time.monotonic()
    while True:
        done = progress.fraction
        if restart_due and done >= 0.4:
            restart_due = False
            progress.say("restarting the Temporal server")
            await _shielded(controls.restart_temporal, said)
            said.temporal_restarts += 1
        elif every > 0 and (
            time.monotonic() - last_kill >= every or (said.worker_kills == 0 and done >= 0.2)
        ):
            progress.say("killing the worker (SIGKILL) and starting a new one")
            await _shielded(controls.kill_worker, said)
            said.worker_kills += 1
            last_kill = time.monotonic()
        await asyncio.sleep(0.25)
