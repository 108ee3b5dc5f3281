"""Razorpay customers: `POST /v1/customers` and `GET /v1/customers/{id}`."""
