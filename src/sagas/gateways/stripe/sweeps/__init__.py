"""Stripe objects for the reconciliation sweep: everything of ours created in the window."""
