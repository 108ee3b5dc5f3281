"""Stripe's HTTP routes, one module per resource; `stripe_api` mounts them under `/stripe`."""
