"""Stripe PaymentIntents and their real status machine."""
