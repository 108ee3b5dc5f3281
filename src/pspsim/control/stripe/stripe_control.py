"""The Stripe control calls, mounted under `/_sim/stripe`."""

from __future__ import annotations

from fastapi import APIRouter

from pspsim.control.stripe import (
    checkout,
    customers,
    disputes,
    idempotency,
    invoices,
    objects,
    payment_intents,
    payment_links,
    payment_settlement,
    refunds,
    setup_intents,
    subscriptions,
)

router = APIRouter(prefix="/_sim/stripe")
for resource in (
    payment_intents,
    payment_settlement,
    checkout,
    payment_links,
    payment_settlement,
    refunds,
    disputes,
    subscriptions,
    invoices,
    customers,
    setup_intents,
    objects,
    idempotency,
):
    router.include_router(resource.router)
