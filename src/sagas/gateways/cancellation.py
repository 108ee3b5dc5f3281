"""Cancelling a PSP subscription, the same at every PSP: one already ended is left alone,
and a cancel the PSP refuses because another cancellation won the race answers what the
subscription is now (any other refusal is raised)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sagas.domain.subscriptions import PspView
from sagas.gateways.errors import PermanentGatewayError


async def cancel_unless_ended(
    read: Callable[[], Awaitable[PspView]], cancel: Callable[[], Awaitable[str]]
) -> str:
    """``cancel()`` unless ``read()`` finds it ended; the PSP's status afterwards."""
    current = await read()
    if current.ended:
        return current.psp_status
    try:
        return await cancel()
    except PermanentGatewayError:
        again = await read()
        if again.ended:
            return again.psp_status
        raise
