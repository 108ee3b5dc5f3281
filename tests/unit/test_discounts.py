"""Whether a discount code applies: one stable reason per refusal, in a fixed order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from sagas.domain.discounts import DiscountRejection, DiscountTerms, rejection_reason

NOW = datetime(2030, 1, 1, 12, tzinfo=UTC)
GOOD = DiscountTerms(code="TEN", active=True, expires_at=None, max_uses=None, uses=0, currency=None)


def reason(terms: DiscountTerms | None, currency: str = "USD") -> DiscountRejection | None:
    return rejection_reason(terms, cart_currency=currency, now=NOW)


def test_a_usable_code_has_no_reason() -> None:
    assert reason(GOOD) is None
    assert reason(replace(GOOD, expires_at=NOW + timedelta(seconds=1), max_uses=5, uses=4)) is None
    assert reason(replace(GOOD, currency="USD")) is None


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (None, DiscountRejection.UNKNOWN),
        (replace(GOOD, active=False), DiscountRejection.INACTIVE),
        (replace(GOOD, expires_at=NOW), DiscountRejection.EXPIRED),  # expiry instant is out
        (replace(GOOD, expires_at=NOW - timedelta(days=1)), DiscountRejection.EXPIRED),
        (replace(GOOD, max_uses=3, uses=3), DiscountRejection.EXHAUSTED),
        (replace(GOOD, max_uses=1, uses=2), DiscountRejection.EXHAUSTED),
        (replace(GOOD, currency="EUR"), DiscountRejection.CURRENCY_MISMATCH),
        # Several problems: the first in the order unknown, inactive, expired, exhausted, currency.
        (replace(GOOD, active=False, expires_at=NOW, currency="EUR"), DiscountRejection.INACTIVE),
        (replace(GOOD, expires_at=NOW, max_uses=1, uses=1), DiscountRejection.EXPIRED),
        (replace(GOOD, max_uses=1, uses=1, currency="EUR"), DiscountRejection.EXHAUSTED),
    ],
)
def test_refusals_name_their_reason(
    terms: DiscountTerms | None, expected: DiscountRejection
) -> None:
    assert reason(terms) == expected


def test_reason_values_are_the_api_strings() -> None:
    assert [r.value for r in DiscountRejection] == [
        "unknown_code",
        "inactive",
        "expired",
        "max_uses_reached",
        "currency_mismatch",
    ]
