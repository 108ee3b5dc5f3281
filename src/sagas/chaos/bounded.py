"""Running the actors' jobs at bounded concurrency, advancing the progress bar."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from .progress import Progress


async def _bounded(
    jobs: list[Callable[[], Awaitable[None]]], concurrency: int, progress: Progress
) -> None:
    gate = asyncio.Semaphore(concurrency)

    async def one(job: Callable[[], Awaitable[None]]) -> None:
        async with gate:
            await job()
        progress.advance()

    await asyncio.gather(*(one(j) for j in jobs))
