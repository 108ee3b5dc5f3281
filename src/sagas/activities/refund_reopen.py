"""The activity that reopens a refund the PSP failed after success (see
:mod:`sagas.disputes.reopen`); the PSP read is the refund saga's own ``refund.read_at_psp``."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.db.engine import unit_of_work
from sagas.disputes.reopen import Reopened, reopen_failed_refund


class ReopenInput(BaseModel):
    refund_id: str
    reason: str


class RefundReopenActivities:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    @activity.defn(name="refund.reopen_failed")
    async def reopen_failed(self, req: ReopenInput) -> Reopened:
        try:
            async with unit_of_work(self._sessions) as session:
                return await reopen_failed_refund(session, req.refund_id, req.reason)
        except LookupError as err:
            raise ApplicationError(str(err), type="NotFound", non_retryable=True) from err


def refund_reopen_activities(
    sessions: async_sessionmaker[AsyncSession],
) -> list[Callable[..., object]]:
    return [RefundReopenActivities(sessions).reopen_failed]
