"""Razorpay disputes: open -> (contest) under_review -> won | lost."""
