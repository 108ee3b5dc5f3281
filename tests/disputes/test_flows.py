"""Disputes on the real stack: the simulator's webhooks reach the API, which starts or
signals ``DisputeWorkflow``; the saga re-reads the PSP and moves our records."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.db.models.disputes import Dispute
from sagas.deps import Deps
from sagas.temporal import search_attributes as sa
from sagas.workflows.dispute.messages.result import DisputeResult
from tests.conftest import ADMIN, SERVICE
from tests.disputes.helpers import (
    decide,
    dispute_row,
    open_dispute,
    post_evidence,
    saga_state,
    seeded,
    wait_attention,
    wait_dispute,
)
from tests.refunds.helpers import ledger, order_row, post_refund, sim_control
from tests.replay.record import record_history
from tests.support.net import eventually

GATEWAYS = ["stripe", "razorpay"]
pytestmark = pytest.mark.timeout(120)


async def event_types(api: httpx.AsyncClient, object_id: str) -> list[str]:
    """The merchant's feed for one object, in order."""
    feed = await api.get("/v1/events", params={"object_id": object_id}, headers=SERVICE)
    assert feed.status_code == 200, feed.text
    return [e["type"] for e in feed.json()["data"]]


async def _result(client: Client, workflow_id: str) -> DisputeResult:
    handle = client.get_workflow_handle(workflow_id, result_type=DisputeResult)
    result: DisputeResult = await asyncio.wait_for(handle.result(), timeout=40)
    return result


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_opened_evidence_won(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seeded(deps, sim, gateway, status="fulfilled")
    psp = await open_dispute(sim, s, amount=s.amount - 1000)
    row = await wait_dispute(deps, gateway, psp["id"], "needs_response")
    assert row.order_id == s.order_id and row.amount_minor == s.amount - 1000
    assert row.evidence_due_by is not None and not row.needs_review
    order = await order_row(deps, s.order_id)
    assert order.status == "disputed"
    wid = row.workflow_id
    assert wid == f"dispute-{gateway}-{psp['id']}"
    await wait_attention(temporal_client, wid, True)
    desc = await temporal_client.get_workflow_handle(wid).describe()
    attrs = desc.typed_search_attributes
    assert attrs.get(sa.SAGA_KIND) == "dispute" and attrs.get(sa.ORDER_ID) == s.order_id
    assert attrs.get(sa.EVIDENCE_DUE_BY) == row.evidence_due_by
    state = await saga_state(temporal_client, wid)
    assert "evidence due by" in state.details() and state.attention.needed
    soon = (row.evidence_due_by + timedelta(days=1)).isoformat().replace("+00:00", "Z")
    query = f'SagaKind = "dispute" AND EvidenceDueBy < "{soon}"'

    async def listed_as_due() -> bool:
        return wid in [w.id async for w in temporal_client.list_workflows(query)]

    await eventually(listed_as_due, timeout=45, interval=0.3, message="due soon query")

    seen = await api.get(f"/v1/disputes/{row.id}", headers=ADMIN)
    assert seen.status_code == 200, seen.text
    view = seen.json()
    assert view["status"] == "needs_response" and view["amount"] == s.amount - 1000
    assert view["gateway_dispute_id"] == psp["id"] and view["order_id"] == s.order_id
    listed = await api.get("/v1/disputes", params={"order_id": s.order_id}, headers=SERVICE)
    assert [d["id"] for d in listed.json()["data"]] == [row.id]

    answered = await post_evidence(api, row.id, SERVICE)
    assert answered.status_code == 200, answered.text
    assert answered.json()["status"] == "under_review"
    assert answered.json()["evidence_submitted_at"] is not None
    await wait_attention(temporal_client, wid, False)
    again = await post_evidence(api, row.id, SERVICE)
    assert again.status_code == 409 and again.json()["error"]["code"] == "dispute_not_open"
    if gateway == "stripe":
        evidence = await deps.gateways.require_stripe().v1.disputes.retrieve_async(psp["id"])
        assert (evidence.evidence.uncategorized_text or "").startswith("Delivered on 2 Nov")

    await decide(sim, gateway, psp["id"], "won")
    result = await _result(temporal_client, wid)
    assert (result.status, result.stage) == ("won", "won")
    final = await wait_dispute(deps, gateway, psp["id"], "won")
    assert final.closed_at is not None and final.fulfilment_revoked_at is None
    assert (await order_row(deps, s.order_id)).status == "fulfilled"
    kinds = {e.kind: e.amount_minor for e in await ledger(deps, s.order_id)}
    if gateway == "stripe":  # Stripe withdraws at once and gives it back when won
        assert kinds["dispute_debit"] == -(s.amount - 1000)
        assert kinds["dispute_credit"] == s.amount - 1000
    else:  # Razorpay deducts only a lost dispute's amount
        assert "dispute_debit" not in kinds
    types = await event_types(api, row.id)
    assert types[0] == "dispute.opened" and types[-1] == "dispute.won", types
    assert "dispute.updated" in types and types.count("dispute.won") == 1
    order_types = await event_types(api, s.order_id)
    assert order_types.count("order.disputed") == 1 and "order.charged_back" not in order_types
    feed = await api.get("/v1/events", params={"object_id": row.id}, headers=SERVICE)
    won = feed.json()["data"][-1]["data"]["object"]
    assert won == (await api.get(f"/v1/disputes/{row.id}", headers=SERVICE)).json()
    await record_history(temporal_client, wid, f"dispute-{gateway}-evidence-won")


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_opened_then_lost_charges_back(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seeded(deps, sim, gateway, status="fulfilled")
    psp = await open_dispute(sim, s)
    row = await wait_dispute(deps, gateway, psp["id"], "needs_response")
    await decide(sim, gateway, psp["id"], "lost")
    result = await _result(temporal_client, row.workflow_id)
    assert result.status == "lost"
    final = await wait_dispute(deps, gateway, psp["id"], "lost")
    assert final.fulfilment_revoked_at is not None
    order = await order_row(deps, s.order_id)
    assert order.status == "charged_back" and order.status_reason == f"dispute {row.id} lost"
    entries = [(e.kind, e.amount_minor) for e in await ledger(deps, s.order_id)]
    assert ("dispute_debit", -s.amount) in entries and entries.count(
        ("dispute_debit", -s.amount)
    ) == 1
    refused = await post_refund(api, s.order_id)
    assert refused.status_code == 409, refused.text
    assert await event_types(api, row.id) == ["dispute.opened", "dispute.lost"]
    order_types = await event_types(api, s.order_id)
    assert order_types[-2:] == ["order.disputed", "order.charged_back"], order_types
    if gateway == "stripe":
        await record_history(temporal_client, row.workflow_id, "dispute-stripe-lost")


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_accepted(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seeded(deps, sim, gateway, status="paid")
    psp = await open_dispute(sim, s)
    row = await wait_dispute(deps, gateway, psp["id"], "needs_response")
    forbidden = await api.post(f"/v1/disputes/{row.id}/accept", headers=ADMIN)
    assert forbidden.status_code == 403
    accepted = await api.post(f"/v1/disputes/{row.id}/accept", headers=SERVICE)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "lost" and accepted.json()["accepted_at"]
    result = await _result(temporal_client, row.workflow_id)
    assert result.status == "lost"
    assert (await order_row(deps, s.order_id)).status == "charged_back"
    late = await api.post(f"/v1/disputes/{row.id}/accept", headers=SERVICE)
    assert late.status_code == 409
    if gateway == "razorpay":
        await record_history(temporal_client, row.workflow_id, "dispute-razorpay-accepted")


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_refund_refused_while_disputed(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seeded(deps, sim, gateway, status="fulfilled")
    psp = await open_dispute(sim, s, amount=1000)
    row = await wait_dispute(deps, gateway, psp["id"], "needs_response")
    refused = await post_refund(api, s.order_id, {"amount": 500})
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "payment_disputed"
    await decide(sim, gateway, psp["id"], "won")
    await _result(temporal_client, row.workflow_id)
    assert (await order_row(deps, s.order_id)).status == "fulfilled"
    allowed = await post_refund(api, s.order_id, {"amount": 500})
    assert allowed.status_code == 202, allowed.text


async def test_unknown_payment_goes_to_review(
    api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker, temporal_client: Client
) -> None:
    client = deps.gateways.require_stripe()
    pi = await client.v1.payment_intents.create_async(
        params={
            "amount": 4200,
            "currency": "usd",
            "payment_method": "pm_card_visa",
            "confirm": True,
        }
    )
    psp = await open_dispute(sim, _Stranger(pi.id))
    row = await wait_dispute(deps, "stripe", psp["id"], "needs_response")
    assert row.order_id is None and row.needs_review and row.gateway_payment_id == pi.id
    await wait_attention(temporal_client, row.workflow_id, True)
    state = await saga_state(temporal_client, row.workflow_id)
    assert state.attention.reason and "do not know" in state.attention.reason
    view = (await api.get(f"/v1/disputes/{row.id}", headers=SERVICE)).json()
    assert view["needs_review"] is True and view["order_id"] is None
    handle = temporal_client.get_workflow_handle(row.workflow_id)
    await handle.execute_update(
        "operator_action", {"action": "resolve", "reason": "not ours: forwarded to finance"}
    )
    state = await saga_state(temporal_client, row.workflow_id)
    assert state.review_resolved  # what is left is the answer the dispute still awaits
    assert state.attention.reason and state.attention.reason.startswith("evidence due by")
    reviewed = await dispute_row(deps, "stripe", psp["id"])
    assert reviewed is not None and not reviewed.needs_review and reviewed.order_id is None
    await decide(sim, "stripe", psp["id"], "lost")
    result = await _result(temporal_client, row.workflow_id)
    assert result.status == "lost"
    await record_history(temporal_client, row.workflow_id, "dispute-stripe-unknown-payment")


async def test_unknown_payment_closed_before_review_waits_for_it(
    api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker, temporal_client: Client
) -> None:
    rzp = deps.gateways.require_razorpay()
    order = rzp.order.create({"amount": 7000, "currency": "INR", "receipt": "stranger-1"})
    paid = await sim_control(sim, "POST", f"/razorpay/orders/{order['id']}/pay", {})
    stranger = _Stranger(paid["razorpay_payment_id"], "razorpay")
    psp = await open_dispute(sim, stranger)
    await decide(sim, "razorpay", psp["id"], "lost")
    row = await wait_dispute(deps, "razorpay", psp["id"], "lost")
    assert row.needs_review and row.order_id is None
    await wait_attention(temporal_client, row.workflow_id, True)
    handle = temporal_client.get_workflow_handle(row.workflow_id, result_type=DisputeResult)
    assert (await handle.describe()).status is not None
    state = await saga_state(temporal_client, row.workflow_id)
    assert state.status == "lost" and "do not know" in (state.attention.reason or "")
    await handle.execute_update(
        "operator_action", {"action": "resolve", "reason": "old shop's payment, booked by hand"}
    )
    result = await asyncio.wait_for(handle.result(), timeout=20)
    assert result.status == "lost"
    await wait_attention(temporal_client, row.workflow_id, False)


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_duplicate_and_reordered_webhooks_change_nothing(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seeded(deps, sim, gateway, status="fulfilled")
    psp = await open_dispute(sim, s)
    row = await wait_dispute(deps, gateway, psp["id"], "needs_response")
    await decide(sim, gateway, psp["id"], "won")
    await _result(temporal_client, row.workflow_id)
    before = sorted((e.kind, e.amount_minor) for e in await ledger(deps, s.order_id))
    first_type = "charge.dispute.created" if gateway == "stripe" else "payment.dispute.created"
    logged = await api.get(
        "/v1/admin/webhook-events", params={"event_type": first_type, "limit": 200}, headers=ADMIN
    )
    assert logged.status_code == 200, logged.text
    created = [d for d in logged.json()["data"] if d["workflow_id"] == row.workflow_id]
    assert created, "the created event is in the audit log"
    # The first event again, after the dispute closed: a late copy reaches the saga anew.
    replayed = await api.post(f"/v1/admin/webhook-events/{created[0]['id']}/replay", headers=ADMIN)
    assert replayed.status_code == 200, replayed.text
    rerun = await _result(temporal_client, row.workflow_id)
    assert rerun.status == "won"
    after = sorted((e.kind, e.amount_minor) for e in await ledger(deps, s.order_id))
    assert after == before
    final = await dispute_row(deps, gateway, psp["id"])
    assert final is not None and final.status == "won"
    assert (await order_row(deps, s.order_id)).status == "fulfilled"


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_under_duplicated_delayed_and_reordered_webhooks(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    """Every webhook sent twice, some held back and overtaken: one dispute, one saga,
    each ledger movement once, the order back to its status when won."""
    faults = {
        "webhook_duplicate_rate": 1.0,
        "webhook_reorder_rate": 0.5,
        "webhook_delay_s": 0.3,
        "seed": 13,
    }
    await sim_control(sim, "PUT", "/faults", faults)
    try:
        s = await seeded(deps, sim, gateway, status="fulfilled")
        psp = await open_dispute(sim, s)
        row = await wait_dispute(deps, gateway, psp["id"], "needs_response")
        answered = await post_evidence(api, row.id, SERVICE)
        assert answered.status_code == 200, answered.text
        await decide(sim, gateway, psp["id"], "won")
        result = await _result(temporal_client, row.workflow_id)
        assert result.status == "won"
    finally:
        await sim_control(sim, "DELETE", "/faults")
    entries = [(e.kind, e.amount_minor) for e in await ledger(deps, s.order_id)]
    assert entries.count(("capture", s.amount)) == 1
    assert len([k for k, _ in entries if k.startswith("dispute_")]) == (
        2 if gateway == "stripe" else 0
    )
    assert (await order_row(deps, s.order_id)).status == "fulfilled"
    async with deps.sessions() as session:
        count = await session.scalar(select(func.count()).where(Dispute.order_id == s.order_id))
    assert count == 1


class _Stranger:
    """A payment the product never booked (for :func:`open_dispute`)."""

    def __init__(self, psp_payment_id: str, gateway: str = "stripe") -> None:
        self.psp_payment_id = psp_payment_id
        self.gateway = gateway


@pytest.mark.parametrize(("gateway", "action"), [("razorpay", "evidence"), ("stripe", "accept")])
async def test_an_answer_lost_on_the_way_back_is_not_sent_twice(
    gateway: str,
    action: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    """The PSP carries the answer out and the connection drops before its reply (every
    time, on that path): the saga's retry finds the dispute answered, and says so."""
    s = await seeded(deps, sim, gateway, status="paid")
    psp = await open_dispute(sim, s)
    row = await wait_dispute(deps, gateway, psp["id"], "needs_response")
    path = {
        ("razorpay", "evidence"): f"/razorpay/v1/disputes/{psp['id']}/contest",
        ("stripe", "accept"): f"/stripe/v1/disputes/{psp['id']}/close",
    }[(gateway, action)]
    await sim_control(
        sim, "PUT", "/faults", {"api_lost_response_rate": 1.0, "api_error_paths": [path]}
    )
    try:
        if action == "evidence":
            answer = await post_evidence(api, row.id, SERVICE)
        else:
            answer = await api.post(f"/v1/disputes/{row.id}/accept", headers=SERVICE)
    finally:
        await sim_control(sim, "DELETE", "/faults")
    assert answer.status_code == 200, answer.text
    wanted = "under_review" if action == "evidence" else "lost"
    assert answer.json()["status"] == wanted
