"""Intake over HTTP: verified, recorded, routed, signalled once; bad input 4xx and logged."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import AsyncIterator

import httpx
from temporalio.client import Client, WorkflowExecutionStatus

from sagas.deps import Deps
from tests.webhooks.conftest import (
    Sender,
    pi_object,
    received,
    seed_checkout,
    seed_subscription,
    start_recorder,
    stripe_event,
)
from tests.webhooks.helpers import deliveries, delivery, processed

CAP = 256 * 1024


async def test_delivered_by_metadata_and_fully_audited(
    send: Sender, deps: Deps, temporal_client: Client, recorder_queue: str
) -> None:
    wf = await start_recorder(temporal_client, recorder_queue)
    checkout_id = await seed_checkout(deps, wf)
    event = stripe_event(
        "payment_intent.succeeded",
        pi_object(f"pi_{secrets.token_hex(6)}", {"checkout_id": checkout_id}),
    )
    resp = await send.stripe(event)
    assert resp.status_code == 200, resp.text
    assert resp.json()["result"] == "handed_over" and resp.json()["workflow_id"] == wf
    got = await received(temporal_client, wf)
    assert [e.event_id for e in got] == [event["id"]] and got[0].checkout_id == checkout_id
    [row] = await deliveries(deps, event["id"])
    assert row.signature_valid is True and row.result == "handed_over" and row.http_status == 200
    assert row.event_type == "payment_intent.succeeded" and row.gateway == "stripe"
    assert row.source_ip == "127.0.0.1" and row.request_id and row.duration_ms is not None
    assert row.payload == json.dumps(event) and row.payload_bytes == len(json.dumps(event))
    assert "stripe-signature" in row.headers and row.headers["content-type"] == "application/json"
    assert row.workflow_id == wf and "metadata checkout_id" in (row.detail or "")
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.status == "handed_over" and seen.workflow_id == wf


async def test_routed_by_stored_gateway_ids(
    send: Sender, deps: Deps, temporal_client: Client, recorder_queue: str
) -> None:
    wf = await start_recorder(temporal_client, recorder_queue)
    pi_id, order_id, sub_id = (
        f"pi_{secrets.token_hex(6)}",
        f"order_{secrets.token_hex(6)}",
        f"sub_{secrets.token_hex(6)}",
    )
    await seed_checkout(deps, wf, object_id=pi_id)
    await seed_checkout(deps, wf, gateway="razorpay", object_id=order_id)
    await seed_subscription(deps, wf, gateway="stripe", gateway_subscription_id=sub_id)
    by_object = stripe_event(
        "payment_intent.payment_failed", pi_object(pi_id, status="requires_payment_method")
    )
    assert (await send.stripe(by_object)).json()["result"] == "handed_over"
    rzp_event_id = f"rzevt_{secrets.token_hex(6)}"
    envelope = {
        "entity": "event",
        "event": "payment.captured",
        "contains": ["payment"],
        "payload": {
            "payment": {
                "entity": {"id": "pay_x1", "order_id": order_id, "amount": 1000, "notes": []}
            }
        },
        "created_at": int(time.time()),
    }
    resp = await send.razorpay(envelope, rzp_event_id)
    assert resp.status_code == 200 and resp.json()["result"] == "handed_over", resp.text
    sub_event = stripe_event(
        "customer.subscription.updated",
        {"id": sub_id, "object": "subscription", "status": "active"},
    )
    assert (await send.stripe(sub_event)).json()["workflow_id"] == wf
    ids = [e.event_id for e in await received(temporal_client, wf)]
    assert ids == [by_object["id"], rzp_event_id, sub_event["id"]]
    [row] = await deliveries(deps, rzp_event_id)
    assert row.request_id == rzp_event_id and "checkouts.gateway_object_id" in (row.detail or "")


async def test_fifty_copies_change_the_flow_once(
    send: Sender, deps: Deps, temporal_client: Client, recorder_queue: str
) -> None:
    wf = await start_recorder(temporal_client, recorder_queue)
    checkout_id = await seed_checkout(deps, wf)
    event = stripe_event(
        "payment_intent.succeeded",
        pi_object(f"pi_{secrets.token_hex(6)}", {"checkout_id": checkout_id}),
    )
    answers = await asyncio.gather(*(send.stripe(event) for _ in range(50)))
    assert [a.status_code for a in answers] == [200] * 50
    results = sorted(a.json()["result"] for a in answers)
    assert results == ["duplicate"] * 49 + ["handed_over"]
    assert [e.event_id for e in await received(temporal_client, wf)] == [event["id"]]
    rows = await deliveries(deps, event["id"])
    assert len(rows) == 50 and sum(r.result == "duplicate" for r in rows) == 49
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.attempts >= 1


async def _closed_recorder(client: Client, queue: str) -> str:
    wf = await start_recorder(client, queue)
    handle = client.get_workflow_handle(wf)
    await handle.signal("finish")
    await handle.result()
    assert (await handle.describe()).status == WorkflowExecutionStatus.COMPLETED
    return wf


async def test_events_for_closed_and_unknown_flows(
    send: Sender, deps: Deps, temporal_client: Client, recorder_queue: str
) -> None:
    wf = await _closed_recorder(temporal_client, recorder_queue)
    checkout_id = await seed_checkout(deps, wf)
    failed = stripe_event(
        "payment_intent.payment_failed",
        pi_object(f"pi_{secrets.token_hex(6)}", {"checkout_id": checkout_id}),
    )
    resp = await send.stripe(failed)
    assert resp.status_code == 200 and resp.json()["result"] == "no_op"
    assert "closed" in resp.json()["detail"]
    unknown = stripe_event(
        "refund.updated",
        {"id": f"re_{secrets.token_hex(6)}", "object": "refund", "status": "succeeded"},
    )
    resp = await send.stripe(unknown)
    assert resp.status_code == 200 and resp.json()["result"] == "no_op"
    assert "no flow" in resp.json()["detail"]
    assert (await send.stripe(unknown)).json()["result"] == "duplicate"
    for event in (failed, unknown):
        [row] = [r for r in await deliveries(deps, event["id"]) if r.result == "no_op"]
        assert row.signature_valid is True


async def test_payment_for_a_closed_flow_starts_the_review(
    send: Sender, deps: Deps, temporal_client: Client, recorder_queue: str
) -> None:
    wf = await _closed_recorder(temporal_client, recorder_queue)
    pi_id = f"pi_{secrets.token_hex(6)}"
    checkout_id = await seed_checkout(deps, wf, object_id=pi_id)
    event = stripe_event("payment_intent.succeeded", pi_object(pi_id, {"checkout_id": checkout_id}))
    resp = await send.stripe(event)
    review_id = f"payment-review-stripe-{pi_id}"
    assert resp.status_code == 200, resp.text
    assert (resp.json()["result"], resp.json()["workflow_id"]) == ("handed_over", review_id)
    handle = temporal_client.get_workflow_handle(review_id)
    try:
        desc = await handle.describe()
        assert desc.workflow_type == "PaymentReviewWorkflow"
        again = stripe_event(
            "payment_intent.succeeded", pi_object(pi_id, {"checkout_id": checkout_id})
        )
        resp = await send.stripe(again)  # another event, same payment: the same review id
        assert (resp.json()["result"], resp.json()["workflow_id"]) == ("handed_over", review_id)
    finally:  # a fake PaymentIntent: the review itself is the checkout saga's to test
        if (await handle.describe()).status == WorkflowExecutionStatus.RUNNING:
            await handle.terminate("test cleanup")


async def test_bad_signatures_change_nothing_but_the_log(
    send: Sender, deps: Deps, temporal_client: Client, recorder_queue: str
) -> None:
    wf = await start_recorder(temporal_client, recorder_queue)
    checkout_id = await seed_checkout(deps, wf)
    event = stripe_event(
        "payment_intent.succeeded",
        pi_object(f"pi_{secrets.token_hex(6)}", {"checkout_id": checkout_id}),
    )
    body = json.dumps(event).encode()
    forged = await send.stripe(event, secret="whsec_forged")
    old = await send.stripe(event, at=int(time.time()) - 400)
    good_sig = await _signed_header(send, body)
    truncated = await send.client.post(
        "/webhooks/stripe",
        content=body,
        headers={"Stripe-Signature": good_sig[:-10], "Content-Type": "application/json"},
    )
    missing = await send.client.post("/webhooks/stripe", content=body)
    for resp in (forged, old, truncated, missing):
        assert resp.status_code == 400, resp.text
        assert resp.json()["error"]["code"] == "invalid_signature"
    rows = [
        await delivery(deps, r.json()["error"]["details"]["delivery_id"])
        for r in (forged, old, truncated, missing)
    ]
    assert all(
        r.result == "invalid_signature" and r.signature_valid is False and r.payload for r in rows
    )
    assert "tolerance" in (rows[1].detail or "")
    assert await processed(deps, "stripe", event["id"]) is None
    assert await received(temporal_client, wf) == []
    rzp_bad = await send.razorpay({"event": "payment.captured"}, "rz_forged", secret="nope")
    assert rzp_bad.status_code == 400 and rzp_bad.json()["error"]["code"] == "invalid_signature"
    # and the genuine delivery still goes through afterwards
    assert (await send.stripe(event)).json()["result"] == "handed_over"


async def _signed_header(send: Sender, body: bytes) -> str:
    import stripe

    return str(stripe.WebhookSignature.generate_signature_header(body.decode(), send.stripe_secret))


async def test_malformed_and_odd_but_signed_bodies(send: Sender, deps: Deps) -> None:
    not_json = await send.stripe(b"{not json")
    assert not_json.status_code == 400 and not_json.json()["error"]["code"] == "malformed_event"
    no_id = await send.stripe({"object": "event", "type": "payment_intent.succeeded"})
    assert no_id.status_code == 400 and no_id.json()["error"]["code"] == "malformed_event"
    no_rzp_id = await send.razorpay({"event": "payment.captured", "payload": {}}, None)
    assert (
        no_rzp_id.status_code == 400
        and "X-Razorpay-Event-Id" in no_rzp_id.json()["error"]["message"]
    )
    row = await delivery(deps, not_json.json()["error"]["details"]["delivery_id"])
    assert row.result == "malformed" and row.signature_valid is True and row.payload == "{not json"
    # a metadata value of the wrong type: a recorded no-op (a 4xx would only be retried)
    wrong = stripe_event(
        "payment_intent.succeeded", pi_object(f"pi_{secrets.token_hex(6)}", {"checkout_id": 12345})
    )
    resp = await send.stripe(wrong)
    assert resp.status_code == 200 and resp.json()["result"] == "no_op"
    assert "metadata.checkout_id is int" in resp.json()["detail"]
    assert (await send.stripe(wrong)).json()["result"] == "duplicate"
    unhandled = stripe_event("payout.paid", {"id": "po_1", "object": "payout"})
    assert (await send.stripe(unhandled)).json()["result"] == "no_op"
    weird = stripe_event(
        "payment_intent.succeeded", {"id": "pi_x", "amount": "lots", "metadata": None}
    )
    assert (await send.stripe(weird)).status_code == 200


async def _chunks(body: bytes, size: int = 16 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


async def test_size_cap_before_parsing(send: Sender, deps: Deps) -> None:
    event = stripe_event("payout.paid", {"id": "po_cap", "object": "payout"})
    event["padding"] = ""
    base = len(json.dumps(event).encode())
    event["padding"] = "x" * (CAP - base)
    at_cap = json.dumps(event).encode()
    assert len(at_cap) == CAP
    assert (await send.stripe(at_cap)).status_code == 200  # exactly 256 KiB is allowed
    over = at_cap + b" "
    resp = await send.stripe(over)
    assert resp.status_code == 413 and resp.json()["error"]["code"] == "payload_too_large"
    chunked = await send.client.post(
        "/webhooks/razorpay",
        content=_chunks(b"{" + b" " * (CAP * 2) + b"}"),
        headers={"X-Razorpay-Event-Id": "rz_big"},
    )
    assert chunked.status_code == 413
    row = await delivery(deps, chunked.json()["error"]["details"]["delivery_id"])
    assert row.result == "too_large" and row.payload is None and row.payload_bytes > CAP
    assert "transfer-encoding" in row.headers and "content-length" not in row.headers
    assert await processed(deps, "razorpay", "rz_big") is None


async def test_admin_only_audit_log(api: httpx.AsyncClient) -> None:
    from tests.conftest import SERVICE

    assert (await api.get("/v1/admin/webhook-events")).status_code == 401
    assert (await api.get("/v1/admin/webhook-events", headers=SERVICE)).status_code == 403
    assert (
        await api.post("/v1/admin/webhook-events/whd_x/replay", headers=SERVICE)
    ).status_code == 403
