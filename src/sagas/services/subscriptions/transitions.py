"""Writing one subscription transition the workflow decided."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.events import emitters
from sagas.services.subscriptions.periods import record_period
from sagas.services.subscriptions.records import get_subscription
from sagas.workflows.subscription.messages.transitions import Transition


async def apply_transition(session: AsyncSession, change: Transition) -> None:
    """Write one transition; repeating it (an activity retry) changes nothing more."""
    sub = await get_subscription(session, change.subscription_id)
    status_before, renewed = sub.status, False
    sub.status = change.status.value
    sub.status_reason = change.reason
    if change.period is not None:
        renewed = await record_period(session, sub, change.period)
    if change.grace_until is not None:
        sub.grace_until = change.grace_until
    if change.clear_grace:
        sub.grace_until = None
    if change.cancel_at_period_end is not None:
        sub.cancel_at_period_end = change.cancel_at_period_end
    if change.cancelled_at is not None:
        sub.cancelled_at = change.cancelled_at
    if change.payer_details is not None:
        sub.payer_details = _merged(sub.payer_details or {}, change.payer_details)
    await session.flush()
    await emitters.subscription_changed(session, sub, status_before=status_before, renewed=renewed)
    if change.event == "payment_action_required":
        await emitters.subscription_needs_payer(session, sub)


def _merged(stored: dict[str, Any], changes: dict[str, str]) -> dict[str, str]:
    """The stored payer details with ``changes`` applied (an empty value removes a key)."""
    merged = {k: str(v) for k, v in stored.items()}
    for key, value in changes.items():
        if value:
            merged[key] = value
        else:
            merged.pop(key, None)
    return merged
