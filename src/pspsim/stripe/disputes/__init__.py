"""Disputes (chargebacks) on a captured charge, as Stripe runs them."""
