"""A PaymentIntent read as a :class:`~sagas.domain.settlement.PaymentSnapshot`; amounts come
back from Stripe's unit (:mod:`..units`: ISK and UGX x100) in ISO minor units."""

from __future__ import annotations

from typing import Any

from sagas.domain.money import CurrencyError
from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.stripe import units
from sagas.gateways.stripe.intents.status import _status


def snapshot_of_intent(pi: dict[str, Any], *, bound_to: str) -> PaymentSnapshot:
    status = _status(pi)
    error = pi.get("last_payment_error") or {}
    amount = pi.get("amount_received") if status is PaymentStatus.SETTLED else pi.get("amount")
    currency = str(pi.get("currency") or "").upper()
    return PaymentSnapshot(
        gateway="stripe",
        payment_id=pi["id"],
        gateway_object_id=bound_to,
        checkout_id=(pi.get("metadata") or {}).get("checkout_id"),
        status=status,
        amount_minor=_from_stripe(int(amount or 0), currency),
        currency=currency,
        failure=error.get("message") or error.get("code"),
        next_action_url=_redirect_url(pi),
    )


def _redirect_url(pi: dict[str, Any]) -> str | None:
    """Where the payer completes 3-D Secure, while the PaymentIntent waits for it."""
    action = pi.get("next_action") or {}
    if pi.get("status") != "requires_action" or action.get("type") != "redirect_to_url":
        return None
    url = (action.get("redirect_to_url") or {}).get("url")
    return str(url) if url else None


def _from_stripe(amount: int, currency: str) -> int:
    """Stripe's unit -> ISO minor units; an unknown currency is left for the gate to refuse."""
    try:
        return units.from_stripe(amount, currency)
    except CurrencyError:
        return amount
