"""Stripe Payment Links for checkouts: a Price and a Link on it, its Sessions, deactivation."""
