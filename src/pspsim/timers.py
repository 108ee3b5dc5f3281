"""Background timers (refund settlement, auto-refunds, webhook retries).

They run as asyncio tasks on the server's loop and are tracked so that `reset` and
shutdown cancel them instead of leaving them to fire against cleared state.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger("pspsim.timers")


class Timers:
    """Schedules callbacks after a delay and cancels them all on demand."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def after(self, delay_s: float, action: Callable[[], Awaitable[None]]) -> None:
        async def run() -> None:
            await asyncio.sleep(delay_s)
            try:
                await action()
            except Exception:  # a timer must never kill the loop; it is logged
                log.exception("timer action failed")

        # A fresh context: a timer must not inherit the Stripe request that scheduled it.
        task = asyncio.get_running_loop().create_task(run(), context=contextvars.Context())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self._tasks.clear()
