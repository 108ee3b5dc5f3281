"""Confirming a PaymentIntent with a test payment method, and what follows."""
