"""What `POST /v1/subscriptions/{id}` takes here (a subset of Stripe's own list)."""

UPDATE = {
    "cancel_at_period_end",
    "cancellation_details",
    "default_payment_method",
    "description",
    "expand",
    "metadata",
    "proration_behavior",
}
