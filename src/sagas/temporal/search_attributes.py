"""The search attributes operators filter on in the Temporal UI (CONTRACT section 6).

``SEARCH_ATTRIBUTES`` is what the dev server registers at start; the typed keys are what
workflows upsert. Workflows call :func:`stage_attributes` at every stage change.
"""

from __future__ import annotations

from typing import Any

from temporalio.common import (
    SearchAttributeKey,
    SearchAttributePair,
    SearchAttributeUpdate,
)

SAGA_KIND = SearchAttributeKey.for_keyword("SagaKind")
SAGA_STAGE = SearchAttributeKey.for_keyword("SagaStage")
CHECKOUT_ID = SearchAttributeKey.for_keyword("CheckoutId")
ORDER_ID = SearchAttributeKey.for_keyword("OrderId")
CUSTOMER_ID = SearchAttributeKey.for_keyword("CustomerId")
GATEWAY = SearchAttributeKey.for_keyword("Gateway")
GATEWAY_OBJECT_ID = SearchAttributeKey.for_keyword("GatewayObjectId")
AMOUNT_MINOR = SearchAttributeKey.for_int("AmountMinor")
CURRENCY = SearchAttributeKey.for_keyword("Currency")
NEEDS_ATTENTION = SearchAttributeKey.for_bool("NeedsAttention")
# A dispute's evidence deadline while it awaits an answer (unset once answered or closed).
EVIDENCE_DUE_BY = SearchAttributeKey.for_datetime("EvidenceDueBy")

ALL_KEYS = (
    SAGA_KIND,
    SAGA_STAGE,
    CHECKOUT_ID,
    ORDER_ID,
    CUSTOMER_ID,
    GATEWAY,
    GATEWAY_OBJECT_ID,
    AMOUNT_MINOR,
    CURRENCY,
    NEEDS_ATTENTION,
    EVIDENCE_DUE_BY,
)

# name → the type name `temporal operator search-attribute create --type` takes.
SEARCH_ATTRIBUTES: dict[str, str] = {
    "SagaKind": "Keyword",
    "SagaStage": "Keyword",
    "CheckoutId": "Keyword",
    "OrderId": "Keyword",
    "CustomerId": "Keyword",
    "Gateway": "Keyword",
    "GatewayObjectId": "Keyword",
    "AmountMinor": "Int",
    "Currency": "Keyword",
    "NeedsAttention": "Bool",
    "EvidenceDueBy": "Datetime",
}


def dev_server_args() -> list[str]:
    """``--search-attribute`` flags for ``temporal server start-dev``."""
    args: list[str] = []
    for name, kind in SEARCH_ATTRIBUTES.items():
        args += ["--search-attribute", f"{name}={kind}"]
    return args


def stage_attributes(stage: str, *, needs_attention: bool = False) -> list[SearchAttributeUpdate]:
    """The updates for a stage change; pass the result to ``workflow.upsert_search_attributes``."""
    return [SAGA_STAGE.value_set(stage), NEEDS_ATTENTION.value_set(needs_attention)]


def initial_pairs(
    kind: str,
    *,
    customer_id: str | None = None,
    checkout_id: str | None = None,
    order_id: str | None = None,
    gateway: str | None = None,
    amount_minor: int | None = None,
    currency: str | None = None,
) -> list[SearchAttributePair[Any]]:
    """Attributes set when a workflow is started (so it is findable before it first runs)."""
    pairs: list[SearchAttributePair[Any]] = [
        SearchAttributePair(SAGA_KIND, kind),
        SearchAttributePair(NEEDS_ATTENTION, False),
    ]
    keyword_values = [
        (CUSTOMER_ID, customer_id),
        (CHECKOUT_ID, checkout_id),
        (ORDER_ID, order_id),
        (GATEWAY, gateway),
        (CURRENCY, currency),
    ]
    pairs += [SearchAttributePair(key, value) for key, value in keyword_values if value is not None]
    if amount_minor is not None:
        pairs.append(SearchAttributePair(AMOUNT_MINOR, amount_minor))
    return pairs
