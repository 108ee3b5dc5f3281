"""Whether a discount code may apply to a cart, as a pure decision with a stable reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class DiscountRejection(StrEnum):
    UNKNOWN = "unknown_code"
    INACTIVE = "inactive"
    EXPIRED = "expired"
    EXHAUSTED = "max_uses_reached"
    CURRENCY_MISMATCH = "currency_mismatch"


@dataclass(frozen=True, slots=True)
class DiscountTerms:
    code: str
    active: bool
    expires_at: datetime | None
    max_uses: int | None
    uses: int
    currency: str | None  # set for amount_off codes


def rejection_reason(
    terms: DiscountTerms | None, *, cart_currency: str, now: datetime
) -> DiscountRejection | None:
    """``None`` when the code applies; otherwise why not. ``now`` is passed in, never read."""
    if terms is None:
        return DiscountRejection.UNKNOWN
    if not terms.active:
        return DiscountRejection.INACTIVE
    if terms.expires_at is not None and terms.expires_at <= now:
        return DiscountRejection.EXPIRED
    if terms.max_uses is not None and terms.uses >= terms.max_uses:
        return DiscountRejection.EXHAUSTED
    if terms.currency is not None and terms.currency != cart_currency:
        return DiscountRejection.CURRENCY_MISMATCH
    return None
