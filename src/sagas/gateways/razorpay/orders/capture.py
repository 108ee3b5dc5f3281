"""Capturing an authorized Razorpay payment (all or part)."""

from __future__ import annotations

import contextlib

import razorpay

from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.razorpay import units
from sagas.gateways.razorpay.client import razorpay_call
from sagas.gateways.razorpay.orders.reads import read_payment


async def capture(
    client: razorpay.Client, payment_id: str, *, amount: int, currency: str
) -> PaymentSnapshot:
    """Capture an authorized payment; capturing twice is not an error here (re-read)."""
    # Already captured, or refused: the re-read below says which.
    with contextlib.suppress(PermanentGatewayError):
        await razorpay_call(
            client.payment.capture,
            payment_id,
            units.to_razorpay(amount, currency),
            {"currency": currency},
        )
    return await read_payment(client, payment_id)
