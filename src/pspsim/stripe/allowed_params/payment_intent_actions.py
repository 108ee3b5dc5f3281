"""Parameters the confirm, capture and cancel calls on a PaymentIntent accept."""

CONFIRM = {
    "capture_method",
    "client_secret",
    "confirmation_token",
    "error_on_requires_action",
    "excluded_payment_method_types",
    "expand",
    "hooks",
    "mandate",
    "mandate_data",
    "off_session",
    "payment_details",
    "payment_method",
    "payment_method_data",
    "payment_method_options",
    "payment_method_types",
    "radar_options",
    "receipt_email",
    "return_url",
    "setup_future_usage",
    "shipping",
    "use_stripe_sdk",
}
CAPTURE = {
    "amount_to_capture",
    "application_fee_amount",
    "expand",
    "hooks",
    "metadata",
    "payment_details",
    "statement_descriptor",
    "statement_descriptor_suffix",
    "transfer_data",
}
CANCEL = {
    "cancellation_reason",
    "expand",
}
