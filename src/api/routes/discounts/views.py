"""A discount code row as the API shows it."""

from __future__ import annotations

from api.schemas.catalogue.discount_codes import DiscountCodeOut
from sagas.db.models.discounts import DiscountCode


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
