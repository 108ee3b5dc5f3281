"""Capturing and cancelling an authorized Stripe PaymentIntent."""
