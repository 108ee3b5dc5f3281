"""Razorpay's HTTP routes, one module per resource; `razorpay_api` mounts them."""
