"""Discount codes: admins create them; anyone asks what a code would take off a cart.

``validate`` never takes a use: it answers what a checkout started now would get. The
use itself is taken atomically by the checkout saga (CONTRACT section 4.1).
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AdminOnly, SessionDep
from api.errors import ApiError
from api.routes.products import as_api_error
from api.schemas.catalogue import (
    DiscountCodeCreate,
    DiscountCodeOut,
    DiscountValidateRequest,
    DiscountValidateResponse,
)
from api.schemas.common import MoneyOut
from sagas.db.base import utcnow
from sagas.db.models.catalogue import DiscountCode
from sagas.domain.money import Money
from sagas.domain.pricing import Discount
from sagas.services import catalogue
from sagas.services.catalogue import CatalogueError

router = APIRouter(prefix="/v1/discount-codes", tags=["catalogue"])


def discount_code_out(row: DiscountCode) -> DiscountCodeOut:
    return DiscountCodeOut(
        id=row.id,
        code=row.code,
        percent_off=row.percent_off,
        amount_off=row.amount_off_minor,
        currency=row.currency,
        max_uses=row.max_uses,
        uses=row.uses,
        expires_at=row.expires_at,
        active=row.active,
        created_at=row.created_at,
    )


@router.post("", status_code=201, summary="Create a discount code (admin); 409 if it exists")
async def create_discount_code(
    _: AdminOnly, body: DiscountCodeCreate, session: SessionDep
) -> DiscountCodeOut:
    if body.expires_at is not None and body.expires_at <= utcnow():
        raise ApiError(
            422,
            "validation_error",
            "expires_at must be in the future",
            [
                {
                    "loc": ["body", "expires_at"],
                    "msg": "must be in the future",
                    "type": "value_error",
                }
            ],
        )
    if body.percent_off is not None:
        discount = Discount(percent_off=body.percent_off)
    else:
        assert body.amount_off is not None and body.currency is not None
        discount = Discount(amount_off=Money(body.amount_off, body.currency))
    try:
        row = await catalogue.create_discount_code(
            session,
            code=body.code,
            discount=discount,
            max_uses=body.max_uses,
            expires_at=body.expires_at,
            active=body.active,
        )
    except CatalogueError as err:
        raise as_api_error(err) from err
    await session.commit()
    return discount_code_out(row)


@router.post("/validate", summary="What a code would take off a cart (public, takes no use)")
async def validate_discount_code(
    body: DiscountValidateRequest, session: SessionDep
) -> DiscountValidateResponse:
    items = [(item.product_id, item.quantity) for item in body.items]
    try:
        quote = await catalogue.quote_cart(session, items, body.code, now=utcnow())
    except CatalogueError as err:
        raise as_api_error(err) from err
    totals = quote.totals
    valid = quote.rejection is None
    return DiscountValidateResponse(
        valid=valid,
        discount=MoneyOut.of(totals.discount) if valid else None,
        reason=quote.rejection.value if quote.rejection is not None else None,
        subtotal=MoneyOut.of(totals.subtotal),
        total=MoneyOut.of(totals.total),
    )
