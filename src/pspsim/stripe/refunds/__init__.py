"""Stripe refunds: full or partial, `pending` before final."""
