"""Hosted payer pages, mounted under `/pay`: a Checkout Session's or Payment Link's
`url`, a 3D Secure challenge, an invoice, or Razorpay Checkout. Each shows the amount
and offers Pay, Decline and Abandon."""

from __future__ import annotations

from fastapi import APIRouter

from pspsim.pages import (
    razorpay_orders,
    razorpay_subscriptions,
    stripe_checkout,
    stripe_invoices,
    stripe_payment_intents,
    stripe_payment_links,
    stripe_setup_intents,
)

router = APIRouter(prefix="/pay")
for pages in (
    stripe_checkout,
    stripe_payment_links,
    stripe_payment_intents,
    stripe_invoices,
    stripe_setup_intents,
    razorpay_orders,
    razorpay_subscriptions,
):
    router.include_router(pages.router)
