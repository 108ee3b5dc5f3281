"""The simulator's fault switch: on for the load, off for quiescence and the checks.

A simulator that does not know a fault (``api_lost_response_rate`` is newer than some
simulators) answers 400 naming it; the campaign then runs without that one fault and
says so in its report, rather than not running at all.
"""

from __future__ import annotations

from typing import Any

import httpx


async def turn_on(sim: httpx.AsyncClient, faults: dict[str, Any], seed: int) -> list[str]:
    """Apply ``faults``; answers the names the simulator refused as unknown."""
    wanted = {**faults, "seed": seed}
    skipped: list[str] = []
    for _ in range(len(wanted)):
        resp = await sim.put("/_sim/faults", json=wanted)
        if resp.status_code < 300:
            return skipped
        unknown = [k for k in wanted if k in resp.text and k != "seed"]
        if resp.status_code != 400 or not unknown:
            resp.raise_for_status()
        for name in unknown:
            wanted.pop(name)
            skipped.append(name)
    raise RuntimeError("the simulator refused every fault setting")


async def turn_off(sim: httpx.AsyncClient) -> None:
    (await sim.delete("/_sim/faults")).raise_for_status()
