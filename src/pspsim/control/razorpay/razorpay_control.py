"""The Razorpay control calls, mounted under `/_sim/razorpay`."""

from __future__ import annotations

from fastapi import APIRouter

from pspsim.control.razorpay import customers, disputes, objects, orders, refunds, subscriptions

router = APIRouter(prefix="/_sim/razorpay")
for resource in (orders, refunds, disputes, subscriptions, customers, objects):
    router.include_router(resource.router)
