"""Razorpay's routes, mounted under `/razorpay` (its paths clash with Stripe's); the
catch-all for unknown paths is included last."""

from __future__ import annotations

from fastapi import APIRouter

from pspsim.razorpay.routes import (
    customers,
    disputes,
    orders,
    payments,
    plans,
    refunds,
    subscriptions,
    unknown,
)

router = APIRouter(prefix="/razorpay")
for resource in (orders, payments, refunds, customers, disputes, plans, subscriptions, unknown):
    router.include_router(resource.router)
