"""A ticker, every `SimConfig.billing_tick_s` real seconds, runs whatever fell due."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from pspsim.billing.passes import log, run_due

if TYPE_CHECKING:
    from pspsim.state import Sim


async def ticker(sim: Sim) -> None:
    """Run what fell due, forever (cancelled with the app)."""
    while True:
        await asyncio.sleep(sim.config.billing_tick_s)
        try:
            run_due(sim)
        except Exception:  # the ticker must outlive a bug in one renewal; it is logged
            log.exception("billing pass failed")


@contextlib.asynccontextmanager
async def running(sim: Sim) -> AsyncIterator[None]:
    """The ticker, for as long as the app runs."""
    task = asyncio.get_running_loop().create_task(ticker(sim))
    try:
        yield
    finally:
        task.cancel()
