"""The product's Prometheus counters, one process-wide registry (prometheus_client's).

Labels hold counts' dimensions only (route templates, gateways, results, kinds), never an
id or an amount: ``/metrics`` is served without auth. Any module may import and increment
these; the API serves them at ``/metrics`` and the worker on ``WORKER_METRICS_PORT``.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter(
    "sagas_http_requests_total",
    "API requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
HTTP_LATENCY = Histogram(
    "sagas_http_request_duration_seconds",
    "API request latency, by route template and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
WEBHOOK_DELIVERIES = Counter(
    "sagas_webhook_deliveries_total",
    "PSP webhook deliveries received, by gateway and pipeline result.",
    ["gateway", "result"],
)
SAGAS_STARTED = Counter(
    "sagas_started_total",
    "Workflow starts accepted by Temporal, by saga kind.",
    ["kind"],
)
MERCHANT_WEBHOOK_DELIVERIES = Counter(
    "merchant_webhook_deliveries_total",
    "Deliveries of our events to merchants' endpoints, by result.",
    ["result"],
)

UNMATCHED_ROUTE = "<unmatched>"
"""The ``route`` label of a request no route matched (a 404 probe must not mint labels)."""


def saga_kind(workflow_type: str) -> str:
    """``CheckoutWorkflow`` → ``checkout``; ``PaymentReviewWorkflow`` → ``payment_review``."""
    name = workflow_type.removesuffix("Workflow") or workflow_type
    out: list[str] = []
    for i, ch in enumerate(name):
        if ch.isupper() and i:
            out.append("_")
        out.append(ch.lower())
    return "".join(out)
