"""Idempotency-Key semantics and the Events API, through the real stripe SDK."""

from __future__ import annotations

import pytest
import stripe

from pspsim.testing import SimHandle

from .helpers import check, control
from .receiver import Receiver, wait_for

pytestmark = pytest.mark.timeout(60)

PARAMS = {"amount": 3100, "currency": "usd", "metadata": {"checkout_id": "co_idem"}}


def test_same_key_same_params_replays(stripe_client: stripe.StripeClient) -> None:
    first = stripe_client.v1.payment_intents.create(
        params=PARAMS,
        options={"idempotency_key": "idem-1"},  # type: ignore[arg-type]
    )
    second = stripe_client.v1.payment_intents.create(
        params=PARAMS,
        options={"idempotency_key": "idem-1"},  # type: ignore[arg-type]
    )
    assert first.id == second.id
    assert second.last_response is not None
    assert second.last_response.headers.get("Idempotent-Replayed") == "true"


def test_same_key_other_params_is_idempotency_error(stripe_client: stripe.StripeClient) -> None:
    stripe_client.v1.payment_intents.create(
        params=PARAMS,
        options={"idempotency_key": "idem-2"},  # type: ignore[arg-type]
    )
    with pytest.raises(stripe.IdempotencyError) as err:
        stripe_client.v1.payment_intents.create(
            params={**PARAMS, "amount": 3200},
            options={"idempotency_key": "idem-2"},  # type: ignore[arg-type]
        )
    assert err.value.http_status == 400
    assert err.value.error is not None and err.value.error.type == "idempotency_error"


def test_card_error_is_replayed_but_validation_error_is_not(
    stripe_client: stripe.StripeClient,
) -> None:
    declined = {**PARAMS, "payment_method": "pm_card_chargeDeclined", "confirm": True}
    for _ in range(2):
        with pytest.raises(stripe.CardError):
            stripe_client.v1.payment_intents.create(
                params=declined,
                options={"idempotency_key": "idem-3"},  # type: ignore[arg-type]
            )
    assert len(stripe_client.v1.events.list(params={"type": "payment_intent.created"}).data) == 1
    with pytest.raises(stripe.InvalidRequestError):
        stripe_client.v1.payment_intents.create(
            params={"amount": 1, "currency": "usd"}, options={"idempotency_key": "idem-4"}
        )
    fixed = stripe_client.v1.payment_intents.create(
        params={"amount": 100, "currency": "usd"}, options={"idempotency_key": "idem-4"}
    )
    assert fixed.amount == 100


def test_events_list_and_retrieve(stripe_client: stripe.StripeClient, receiver: Receiver) -> None:
    pi = stripe_client.v1.payment_intents.create(
        params={**PARAMS, "payment_method": "pm_card_visa", "confirm": True},  # type: ignore[arg-type]
        options={"idempotency_key": "idem-evt"},
    )
    listed = check("GetEvents", stripe_client.v1.events.list(params={"type": "payment_intent.*"}))
    types = [e.type for e in listed.data]
    assert types == ["payment_intent.succeeded", "payment_intent.created"]
    event = check("GetEventsId", stripe_client.v1.events.retrieve(listed.data[0].id))
    assert event.data.object["id"] == pi.id
    assert event.request is not None and event.request.idempotency_key == "idem-evt"
    page = stripe_client.v1.events.list(params={"limit": 1})
    assert len(page.data) == 1 and page.has_more
    wait_for(lambda: stripe_client.v1.events.retrieve(listed.data[0].id).pending_webhooks == 0)


def test_undelivered_events_can_be_listed_for_replay(
    simulator: SimHandle, stripe_client: stripe.StripeClient
) -> None:
    control(simulator, "PUT", "/faults", {"webhook_drop_rate": 1.0})
    pi = stripe_client.v1.payment_intents.create(params=PARAMS)  # type: ignore[arg-type]
    wait_for(lambda: any(e["dropped"] for e in control(simulator, "GET", "/webhooks")["data"]))
    undelivered = check(
        "GetEvents", stripe_client.v1.events.list(params={"delivery_success": False})
    )
    assert [e.data.object["id"] for e in undelivered.data] == [pi.id]
    assert undelivered.data[0].pending_webhooks == 1
    control(simulator, "DELETE", "/faults")
    stripe_client.v1.payment_intents.cancel(pi.id)
    wait_for(lambda: stripe_client.v1.events.list(params={"delivery_success": True}).data)
