"""Razorpay Orders for checkouts: create (deduped on ``receipt``), read payments, capture."""
