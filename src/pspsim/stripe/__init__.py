"""Stripe's API, served under `/stripe`: form-encoded, bearer key, Stripe's errors."""
