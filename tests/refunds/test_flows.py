"""Full and partial refunds on both gateways, through the API and the refund saga."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.deps import Deps
from sagas.temporal import search_attributes as sa
from sagas.workflows.refund import RefundWorkflow
from tests.conftest import ADMIN, SERVICE
from tests.refunds.helpers import (
    ledger,
    order_row,
    post_refund,
    psp_refunds,
    seed_order,
    wait_final,
)
from tests.replay.record import record_history

GATEWAYS = ["stripe", "razorpay"]


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_full_refund(
    gateway: str,
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    worker: Worker,
    temporal_client: Client,
) -> None:
    s = await seed_order(deps, sim, gateway, status="fulfilled")
    r = await post_refund(api, s.order_id, {"reason": "customer asked"})
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "pending"
    assert body["amount"] == s.amount and body["currency"] == s.currency
    assert body["workflow_id"] == f"refund-{body['id']}"

    handle = temporal_client.get_workflow_handle_for(RefundWorkflow.run, body["workflow_id"])
    result = await asyncio.wait_for(handle.result(), timeout=40)
    assert (result.status, result.stage) == ("succeeded", "succeeded")
    final = await wait_final(deps, body["id"])
    assert final.status == "succeeded", final.failure_reason
    assert final.gateway_refund_id and final.settled_at
    assert final.fulfilment_revoked_at is not None

    order = await order_row(deps, s.order_id)
    assert order.status == "refunded"
    assert order.refunded_minor == s.amount == order.captured_minor
    # gross - discount = net, and the ledger nets to zero: capture + refund.
    assert order.subtotal_minor - order.discount_minor == order.total_minor
    entries = await ledger(deps, s.order_id)
    assert sorted(e.amount_minor for e in entries) == [-s.amount, s.amount]
    refund_entry = next(e for e in entries if e.kind == "refund")
    assert refund_entry.reference == body["id"]

    at_psp = await psp_refunds(deps, sim, s)
    assert len(at_psp) == 1 and at_psp[0]["amount"] == s.amount

    got = await api.get(f"/v1/refunds/{body['id']}", headers=ADMIN)
    assert got.status_code == 200 and got.json()["status"] == "succeeded"
    view = await api.get(f"/v1/orders/{s.order_id}", headers=SERVICE)
    assert view.status_code == 200
    assert [x["id"] for x in view.json()["refunds"]] == [body["id"]]

    state = await handle.query(RefundWorkflow.state)
    assert state.stage == "succeeded" and state.reads >= 1
    assert state.events_seen, "the PSP's refund webhooks reached the saga as signals"
    desc = await handle.describe()
    attrs = desc.typed_search_attributes
    assert attrs.get(sa.SAGA_KIND) == "refund"
    assert attrs.get(sa.SAGA_STAGE) == "succeeded"
    assert attrs.get(sa.ORDER_ID) == s.order_id
    assert attrs.get(sa.GATEWAY_OBJECT_ID) == final.gateway_refund_id
    assert attrs.get(sa.NEEDS_ATTENTION) is False
    await record_history(temporal_client, body["workflow_id"], f"refund-{gateway}-full-succeeded")


@pytest.mark.parametrize("gateway", GATEWAYS)
async def test_partial_refunds(
    gateway: str, api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker
) -> None:
    s = await seed_order(deps, sim, gateway)
    first = await post_refund(api, s.order_id, {"amount": 2000, "currency": s.currency})
    assert first.status_code == 202, first.text
    assert (await wait_final(deps, first.json()["id"])).status == "succeeded"
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor) == ("partially_refunded", 2000)

    # More than is left: 422, nothing written.
    too_much = await post_refund(api, s.order_id, {"amount": s.amount - 2000 + 1})
    assert too_much.status_code == 422, too_much.text
    assert too_much.json()["error"]["code"] == "amount_not_refundable"

    rest = await post_refund(api, s.order_id)  # default: all that remains
    assert rest.status_code == 202, rest.text
    assert rest.json()["amount"] == s.amount - 2000
    assert (await wait_final(deps, rest.json()["id"])).status == "succeeded"
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor) == ("refunded", s.amount)
    assert sum(e.amount_minor for e in await ledger(deps, s.order_id)) == 0
    at_psp = await psp_refunds(deps, sim, s)
    assert sorted(r["amount"] for r in at_psp) == sorted([2000, s.amount - 2000])

    nothing_left = await post_refund(api, s.order_id)
    assert nothing_left.status_code == 409, nothing_left.text  # the order is refunded
