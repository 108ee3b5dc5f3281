"""Razorpay disputes: fetch, contest, accept."""
