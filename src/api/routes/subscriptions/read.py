"""Reading one subscription, as our rows (which the workflow writes) have it."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import ServiceOnly, SessionDep
from api.errors import from_service
from api.routes.subscriptions.params import SubscriptionId
from api.schemas.subscriptions import SubscriptionOut
from api.views.subscriptions import subscription_out
from sagas.db.models.subscriptions import Subscription
from sagas.services.subscriptions.errors import SubscriptionNotFound
from sagas.services.subscriptions.records import get_subscription

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"])


async def load(session: AsyncSession, subscription_id: str) -> Subscription:
    try:
        return await get_subscription(session, subscription_id)
    except SubscriptionNotFound as err:
        raise from_service(err) from err


@router.get("/{subscription_id}", summary="Read a subscription (service)")
async def read_subscription(
    _: ServiceOnly, subscription_id: SubscriptionId, session: SessionDep
) -> SubscriptionOut:
    return subscription_out(await load(session, subscription_id))
