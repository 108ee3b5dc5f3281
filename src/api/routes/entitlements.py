"""``GET /v1/customers/{id}/entitlements``: the feature gate, read from our own rows."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import ServiceOnly, SessionDep
from api.schemas.subscriptions import EntitlementOut, EntitlementsOut
from sagas.db.base import utcnow
from sagas.services.entitlements import entitlements

router = APIRouter(prefix="/v1/customers", tags=["subscriptions"])
CustomerId = Annotated[str, Path(min_length=1, max_length=128)]


@router.get("/{customer_id}/entitlements", summary="Plans the customer may use now (service)")
async def read_entitlements(
    _: ServiceOnly, customer_id: CustomerId, session: SessionDep
) -> EntitlementsOut:
    found = await entitlements(session, customer_id, utcnow())
    return EntitlementsOut(
        customer_id=customer_id,
        entitlements=[
            EntitlementOut(
                plan_id=e.plan_id,
                plan_name=e.plan_name,
                subscription_id=e.subscription_id,
                status=e.status,
                until=e.until,
            )
            for e in found
        ],
    )
