"""The one place disputes and reopened refunds tell the merchant (CONTRACT section 10).

:func:`emit_merchant_event` is called inside the transaction of the change it reports,
as that transaction's last write: the outbox appends the event there, so it commits with
the change or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.events.outbox import emit


async def emit_merchant_event(
    session: AsyncSession, *, type: str, object_id: str, data_object: Mapping[str, Any]
) -> None:
    await emit(session, type=type, object_id=object_id, data_object=data_object)
