"""Stripe invoices of subscriptions: creation, payment, Stripe's own attempts and retries."""
