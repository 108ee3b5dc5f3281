"""Razorpay objects for the reconciliation sweep: our Orders and Subscriptions in a window."""
