"""Stripe disputes: read, answer with evidence, accept."""
