"""Stripe subscriptions: creation, invoices, renewal, updates and cancellation."""
