"""Both gateways refund correctly under the simulator's fault injection: webhooks
dropped, duplicated, delayed and reordered, and PSP API errors on every call."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.refunds.helpers import (
    ledger,
    order_row,
    post_refund,
    psp_refunds,
    seed_order,
    sim_control,
    wait_final,
)

FAULTS = {
    "webhook_drop_rate": 0.3,
    "webhook_duplicate_rate": 0.5,
    "webhook_reorder_rate": 0.3,
    "webhook_delay_s": 0.2,
    "api_error_rate": 0.3,
    "seed": 20261124,
}


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_refunds_under_faults(
    gateway: str, api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker
) -> None:
    s = await seed_order(deps, sim, gateway, amount=9000)
    await sim_control(sim, "PUT", "/faults", FAULTS)
    first, second = await asyncio.gather(
        post_refund(api, s.order_id, {"amount": 4000}),
        post_refund(api, s.order_id, {"amount": 3000}),
    )
    assert (first.status_code, second.status_code) == (202, 202), (first.text, second.text)
    third = await post_refund(api, s.order_id)  # the remaining 2000
    assert third.status_code == 202 and third.json()["amount"] == 2000
    ids = [r.json()["id"] for r in (first, second, third)]
    for refund_id in ids:
        assert (await wait_final(deps, refund_id, timeout=60)).status == "succeeded"
    await sim_control(sim, "DELETE", "/faults")
    order = await order_row(deps, s.order_id)
    assert (order.status, order.refunded_minor) == ("refunded", 9000)
    entries = await ledger(deps, s.order_id)
    assert sorted(e.reference for e in entries if e.kind == "refund") == sorted(ids)
    assert sum(e.amount_minor for e in entries) == 0
    at_psp = await psp_refunds(deps, sim, s)
    assert sorted(r["amount"] for r in at_psp) == [2000, 3000, 4000]  # one each, no extras
