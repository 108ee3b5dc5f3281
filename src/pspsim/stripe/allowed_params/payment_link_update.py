"""Parameters `POST /v1/payment_links/{link}` accepts."""

UPDATE = {
    "active",
    "after_completion",
    "allow_promotion_codes",
    "automatic_tax",
    "billing_address_collection",
    "custom_fields",
    "custom_text",
    "customer_creation",
    "expand",
    "inactive_message",
    "invoice_creation",
    "line_items",
    "metadata",
    "name_collection",
    "optional_items",
    "payment_method_collection",
    "payment_method_types",
    "restrictions",
    "shipping_address_collection",
}
