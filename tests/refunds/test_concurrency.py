"""Two refunds racing for the same money, and one request sent twice."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.refunds.helpers import (
    order_row,
    post_refund,
    psp_refunds,
    refund_rows,
    seed_order,
    wait_final,
)


async def test_concurrent_refunds_never_exceed_capture(
    api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker
) -> None:
    s = await seed_order(deps, sim, "stripe", amount=5000)
    a, b = await asyncio.gather(
        post_refund(api, s.order_id, {"amount": 3000}),
        post_refund(api, s.order_id, {"amount": 3000}),
    )
    assert sorted([a.status_code, b.status_code]) == [202, 422], (a.text, b.text)
    won = a if a.status_code == 202 else b
    lost = b if won is a else a
    assert lost.json()["error"]["code"] == "amount_not_refundable"
    assert lost.json()["error"]["details"]["refundable"] == 2000  # the pending one counts
    rows = await refund_rows(deps, s.order_id)
    assert [r.id for r in rows] == [won.json()["id"]]
    assert (await wait_final(deps, won.json()["id"])).status == "succeeded"
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor) == ("partially_refunded", 3000)
    assert [r["amount"] for r in await psp_refunds(deps, sim, s)] == [3000]


async def test_same_key_answers_the_same_refund(
    api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker
) -> None:
    s = await seed_order(deps, sim, "razorpay", amount=5000)
    key = f"dup-{s.order_id}"
    first, second = await asyncio.gather(
        post_refund(api, s.order_id, {"amount": 1500}, key=key),
        post_refund(api, s.order_id, {"amount": 1500}, key=key),
    )
    assert {first.status_code, second.status_code} <= {200, 202}, (first.text, second.text)
    assert 202 in (first.status_code, second.status_code)
    assert first.json()["id"] == second.json()["id"]
    refund_id = first.json()["id"]
    assert (await wait_final(deps, refund_id)).status == "succeeded"

    again = await post_refund(api, s.order_id, {"amount": 1500}, key=key)
    assert again.status_code == 200 and again.json()["id"] == refund_id
    assert again.json()["status"] == "succeeded"
    other_body = await post_refund(api, s.order_id, {"amount": 1000}, key=key)
    assert other_body.status_code == 409
    assert other_body.json()["error"]["code"] == "idempotency_conflict"

    assert [r.id for r in await refund_rows(deps, s.order_id)] == [refund_id]
    assert [r["amount"] for r in await psp_refunds(deps, sim, s)] == [1500]
    order = await order_row(deps, s.order_id)
    assert order.refunded_minor == 1500
