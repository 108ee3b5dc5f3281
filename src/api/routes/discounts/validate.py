"""What a code would take off a cart (public).

``validate`` never takes a use: it answers what a checkout started now would get. The
use itself is taken atomically by the checkout saga (CONTRACT section 4.1).
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import SessionDep
from api.errors import from_service
from api.schemas.catalogue.discount_quotes import DiscountValidateRequest, DiscountValidateResponse
from api.schemas.common.money import MoneyOut
from sagas.db.base import utcnow
from sagas.services.catalogue.errors import CatalogueError
from sagas.services.catalogue.quotes import quote_cart

router = APIRouter(prefix="/v1/discount-codes", tags=["catalogue"])


@router.post("/validate", summary="What a code would take off a cart (public, takes no use)")
async def validate_discount_code(
    body: DiscountValidateRequest, session: SessionDep
) -> DiscountValidateResponse:
    items = [(item.product_id, item.quantity) for item in body.items]
    try:
        quote = await quote_cart(session, items, body.code, now=utcnow())
    except CatalogueError as err:
        raise from_service(err) from err
    totals = quote.totals
    valid = quote.rejection is None
    return DiscountValidateResponse(
        valid=valid,
        discount=MoneyOut.of(totals.discount) if valid else None,
        reason=quote.rejection.value if quote.rejection is not None else None,
        subtotal=MoneyOut.of(totals.subtotal),
        total=MoneyOut.of(totals.total),
    )
