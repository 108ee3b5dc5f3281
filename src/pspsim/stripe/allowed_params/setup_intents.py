"""Parameters `POST /v1/setup_intents` and its confirm call accept."""

CREATE = {
    "confirm",
    "customer",
    "description",
    "expand",
    "metadata",
    "payment_method",
    "payment_method_types",
    "return_url",
    "usage",
}
CONFIRM = {"expand", "payment_method", "return_url"}
