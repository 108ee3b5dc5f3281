"""Stripe webhooks: signature verification through the SDK and a pure translator."""
