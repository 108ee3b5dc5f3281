"""What the process faults did, and running one without leaving the stack half-restarted."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class ProcessFaults:
    worker_kills: int = 0
    temporal_restarts: int = 0
    errors: list[str] | None = None


async def _shielded(act: Callable[[], None], said: ProcessFaults) -> None:
    task = asyncio.ensure_future(asyncio.to_thread(act))
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await task  # never leave the stack half-restarted
        raise
    except Exception as err:
        said.errors = [*(said.errors or []), f"{type(err).__name__}: {err}"]
