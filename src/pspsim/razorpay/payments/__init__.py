"""Razorpay payments: `created` -> `authorized` -> `captured`, or `failed`; `refunded`."""
