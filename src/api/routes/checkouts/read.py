"""Reading a checkout (service, admin, or the holder of its client token)."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AnyBearer, SessionDep
from api.errors import ApiError
from api.routes.checkouts.params import CheckoutId
from api.routes.checkouts.tokens import client_token_ok
from api.schemas.checkouts import CheckoutOut
from api.views.checkouts import checkout_out
from sagas.db.models.checkouts import Checkout

router = APIRouter(prefix="/v1/checkouts", tags=["checkouts"])


@router.get("/{checkout_id}", summary="Read a checkout (service, admin, its client_token)")
async def get_checkout(
    principal: AnyBearer, checkout_id: CheckoutId, session: SessionDep
) -> CheckoutOut:
    co = await session.get(Checkout, checkout_id)
    if principal.role is None and (co is None or not client_token_ok(co, principal.token)):
        raise ApiError(401, "unauthenticated", "invalid credentials")
    if co is None:
        raise ApiError(404, "not_found", f"no checkout {checkout_id!r}")
    return checkout_out(co)
