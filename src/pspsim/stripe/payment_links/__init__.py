"""Stripe Payment Links: reusable hosted links that never expire but can be deactivated."""
