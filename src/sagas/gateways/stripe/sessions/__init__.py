"""Stripe Checkout Sessions for checkouts (hosted payer pages)."""
