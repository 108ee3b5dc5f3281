"""`advance` moves the clock forward (`POST /_sim/clock/advance`, a test clock for both
PSPs), stepping through each due moment in order so every renewal and retry happens at
its own time, and answers once all of it has run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.billing.due import next_due
from pspsim.billing.passes import MAX_ACTIONS, run_due

if TYPE_CHECKING:
    from pspsim.state import Sim


def advance(sim: Sim, seconds: int) -> int:
    """Move the clock `seconds` forward, running each due moment at its own time."""
    target = sim.clock.now() + seconds
    ran = 0
    for _ in range(MAX_ACTIONS):
        due = next_due(sim)
        if due is None or due > target:
            break
        if due > sim.clock.now():
            sim.clock.offset += due - sim.clock.now()
        step = run_due(sim)
        ran += step
        if step == 0:
            break
    if target > sim.clock.now():
        sim.clock.offset += target - sim.clock.now()
    ran += run_due(sim)
    return ran
