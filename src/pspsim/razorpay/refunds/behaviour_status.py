"""The scripted refund behaviour in Razorpay's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def scripted(value: str | None) -> str | None:
    """Accept Stripe's word for success too, so one control payload fits both PSPs."""
    return {"succeeded": "processed"}.get(value or "", value)
