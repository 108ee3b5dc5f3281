"""Stripe PaymentIntents for checkouts: create, read as a PaymentSnapshot, cancel."""
