"""Razorpay Orders: created -> attempted -> paid."""
