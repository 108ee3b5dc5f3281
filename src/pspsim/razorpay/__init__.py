"""Razorpay's API, served under `/razorpay`: JSON bodies, basic auth, Razorpay's errors."""
