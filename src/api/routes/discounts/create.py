"""Creating a discount code (admin); 409 if the code exists."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep
from api.errors import ApiError, from_service
from api.openapi.errors import error_responses
from api.routes.discounts.views import discount_code_out
from api.schemas.catalogue.discount_codes import DiscountCodeCreate, DiscountCodeOut
from sagas.db.base import utcnow
from sagas.domain.money import Money
from sagas.domain.pricing import Discount
from sagas.services.catalogue import discount_codes
from sagas.services.catalogue.errors import CatalogueError

router = APIRouter(prefix="/v1/discount-codes", tags=["catalogue"])
_IN_PAST = {"loc": ["body", "expires_at"], "msg": "must be in the future", "type": "value_error"}


@router.post(
    "",
    status_code=201,
    summary="Create a discount code (admin); 409 if it exists",
    responses=error_responses(409),
)
async def create_discount_code(
    _: AdminOnly, body: DiscountCodeCreate, session: SessionDep
) -> DiscountCodeOut:
    if body.expires_at is not None and body.expires_at <= utcnow():
        raise ApiError(422, "validation_error", "expires_at must be in the future", [_IN_PAST])
    if body.percent_off is not None:
        discount = Discount(percent_off=body.percent_off)
    else:
        assert body.amount_off is not None and body.currency is not None
        discount = Discount(amount_off=Money(body.amount_off, body.currency))
    try:
        row = await discount_codes.create_discount_code(
            session,
            code=body.code,
            discount=discount,
            max_uses=body.max_uses,
            expires_at=body.expires_at,
            active=body.active,
        )
    except CatalogueError as err:
        raise from_service(err) from err
    await session.commit()
    return discount_code_out(row)
