"""Swept PaymentIntents: payable while cancelable (``processing`` aside: money is
moving), holding money once ``succeeded``; one may be the one a Session or Link opened,
so a checkout of another flow governs it."""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.gateway_objects import SweptPayment, SweptWindow
from sagas.gateways.stripe.intents.status import PI_CANCELABLE
from sagas.gateways.stripe.sweeps.paging import in_window
from sagas.gateways.stripe.sweeps.swept import _cid, _iso, _swept


def _intent_payment(pi: dict[str, Any], cid: str | None) -> SweptPayment:
    return SweptPayment(
        object_type="payment_intent",
        payment_id=pi["id"],
        gateway_object_id=pi["id"],
        checkout_id=cid,
        amount_minor=_iso(int(pi.get("amount_received") or 0), pi.get("currency")),
        currency=str(pi.get("currency")),
    )


async def _intents(client: stripe.StripeClient, w: SweptWindow, gte: int, lte: int) -> None:
    async for pi in in_window(client.v1.payment_intents.list_async, gte=gte, lte=lte):
        cid = _cid(pi)
        if not cid:
            continue
        w.saw("payment_intent")
        paid = pi.get("status") == "succeeded"
        w.objects.append(
            _swept(
                pi,
                "payment_intent",
                cid,
                payable=pi.get("status") in PI_CANCELABLE - {"processing"},
                opened_by_other_flows=True,
                captured=(_intent_payment(pi, cid),) if paid else (),
            )
        )
