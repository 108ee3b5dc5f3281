"""Stripe refunds: create (idempotency key = our refund id) and read."""
