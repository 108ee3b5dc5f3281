"""Razorpay subscriptions (their plans are `pspsim.razorpay.plans`)."""
