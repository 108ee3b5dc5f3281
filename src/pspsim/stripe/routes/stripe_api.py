"""Stripe's routes, mounted under `/stripe` so the SDK's base URL is `.../stripe`.

Each route hands a handler to `api.run`, which does auth, decoding, idempotency,
expansion and errors; the catch-all for unknown paths is included last.
"""

from __future__ import annotations

from fastapi import APIRouter

from pspsim.stripe.routes import (
    catalog,
    checkout_sessions,
    customers,
    disputes,
    events,
    invoices,
    payment_intent_actions,
    payment_intents,
    payment_links,
    refunds,
    setup_intents,
    subscriptions,
    unknown,
)

router = APIRouter(prefix="/stripe")
for resource in (
    payment_intents,
    payment_intent_actions,
    checkout_sessions,
    payment_links,
    refunds,
    disputes,
    catalog,
    customers,
    setup_intents,
    subscriptions,
    invoices,
    events,
    unknown,
):
    router.include_router(resource.router)
