"""Razorpay refunds: `pending` -> `processed` | `failed`."""
