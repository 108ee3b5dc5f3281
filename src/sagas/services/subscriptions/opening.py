"""Opening a subscription, idempotently: validate, then insert the row; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.subscriptions import Subscription
from sagas.events import emitters
from sagas.services.plans import is_free
from sagas.services.subscriptions.first_status import first_status
from sagas.services.subscriptions.plan_checks import active_plan, check_gateway
from sagas.services.subscriptions.replays import fingerprint, replayed
from sagas.services.subscriptions.workflow_ids import workflow_id_for
from sagas.settings import Settings


@dataclass(frozen=True)
class Opened:
    subscription: Subscription
    created: bool


async def open_subscription(
    session: AsyncSession,
    settings: Settings,
    *,
    idempotency_key: str,
    customer_id: str,
    plan_id: str,
    gateway: str | None,
    now: datetime,
) -> Opened:
    """Validate, then insert the row (and the trial use); the caller commits."""
    digest = fingerprint(customer_id, plan_id, gateway)
    existing = await replayed(session, idempotency_key, digest)
    if existing is not None:
        return Opened(existing, created=False)
    plan = await active_plan(session, plan_id)
    check_gateway(settings, plan, gateway)
    sub_id = new_id("sub")
    sub = Subscription(
        id=sub_id,
        idempotency_key=idempotency_key,
        request_fingerprint=digest,
        customer_id=customer_id,
        plan_id=plan.id,
        gateway=None if is_free(plan) else gateway,
        price_minor=plan.price_minor,
        currency=plan.currency,
        payer_details={},
        workflow_id=workflow_id_for(sub_id),
    )
    sub.status = (await first_status(session, settings, sub, plan, now)).value
    session.add(sub)
    await session.flush()
    await emitters.subscription_changed(session, sub, status_before=None, renewed=False)
    return Opened(sub, created=True)
