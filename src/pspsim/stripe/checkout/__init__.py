"""Stripe Checkout Sessions: hosted payment pages with a hard expiry window."""
