"""Regression: an update-with-start cut short by the API's bounded wait leaves the SDK's
start-half future cancelled. Reading it must mean "not known to have started" (the route
then starts the workflow itself), not a CancelledError escaping as a 500."""

from __future__ import annotations

import asyncio
from typing import Any

from api.routes.subscriptions.waits import started


class _InterruptedStart:
    """Stands in for a WithStartWorkflowOperation whose RPC was cancelled: the fault needs
    a cancellation at one exact point of the SDK call, which no server can be made to do."""

    def __init__(self, future: asyncio.Future[Any]) -> None:
        self._future = future

    async def workflow_handle(self) -> Any:
        return await self._future


async def test_a_cancelled_start_half_reads_as_not_started() -> None:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    future.cancel()
    assert await started(_InterruptedStart(future)) is False  # type: ignore[arg-type]


async def test_a_started_workflow_reads_as_started() -> None:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    future.set_result(object())
    assert await started(_InterruptedStart(future)) is True  # type: ignore[arg-type]


async def test_cancelling_the_request_itself_still_cancels() -> None:
    never: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(started(_InterruptedStart(never)))  # type: ignore[arg-type]
    await asyncio.sleep(0.05)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    else:
        raise AssertionError("a cancelled request must stay cancelled")
