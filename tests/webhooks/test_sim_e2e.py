"""End to end with the simulator's own signed deliveries and its fault injection on:
every saga ends correctly and the audit log accounts for every delivery it made."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
from sqlalchemy import select
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.db.models.webhooks import WebhookDelivery, WebhookEvent
from sagas.deps import Deps
from sagas.workflows.payment_review import ReviewResult
from tests.checkout.helpers import body, create, make_product, sim_get, sim_post, wait_status
from tests.support.net import UvicornThread, eventually

FAULTS = {
    "webhook_drop_rate": 0.25,
    "webhook_duplicate_rate": 0.5,
    "webhook_delay_s": 0.2,
    "webhook_reorder_rate": 0.3,
    "seed": 20261124,
}


async def _sim_log(sim: Any) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = (await sim_get(sim, "/webhooks"))["data"]
    return data


async def _audit_counts(deps: Deps, keys: set[tuple[str, str]]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    event_ids = {event_id for _, event_id in keys}
    async with deps.sessions() as session:
        rows = await session.execute(
            select(WebhookDelivery.gateway, WebhookDelivery.event_id).where(
                WebhookDelivery.event_id.in_(event_ids), WebhookDelivery.replay_of.is_(None)
            )
        )
        for gateway, event_id in rows:
            counts[(gateway, event_id)] += 1
    return counts


async def test_faulty_webhooks_end_every_saga_and_are_all_accounted_for(
    worker: Worker,
    api: httpx.AsyncClient,
    api_server: UvicornThread,
    deps: Deps,
    sim: Any,
    temporal_client: Client,
) -> None:
    before = max((e["id"] for e in await _sim_log(sim)), default=0)
    async with httpx.AsyncClient(base_url=f"{sim.base_url}/_sim", timeout=10) as control:
        (await control.put("/faults", json=FAULTS)).raise_for_status()
        try:
            usd, inr = await make_product(deps), await make_product(deps, currency="INR")
            pi = (await create(api, body(usd))).json()
            session = (await create(api, body(usd, flow="checkout_session"))).json()
            order = (await create(api, body(inr, gateway="razorpay", flow="order"))).json()
            late = (
                await create(api, body(inr, gateway="razorpay", flow="order", expires_in_s=2))
            ).json()
            await sim_post(
                sim,
                f"/stripe/payment_intents/{pi['gateway']['object_id']}/pay",
                {"outcome": "succeed"},
            )
            await sim_post(
                sim,
                f"/stripe/checkout/sessions/{session['gateway']['object_id']}/pay",
                {"outcome": "succeed"},
            )
            await sim_post(
                sim, f"/razorpay/orders/{order['gateway']['object_id']}/pay", {"outcome": "succeed"}
            )
            for paid in (pi, session, order):
                await wait_status(deps, paid["id"], "fulfilled", timeout=60)
            await wait_status(deps, late["id"], "expired", timeout=30)
            # A payment for the expired checkout: its webhook starts the review, which refunds.
            payment = await sim_post(
                sim, f"/razorpay/orders/{late['gateway']['object_id']}/pay", {"outcome": "succeed"}
            )
            review_id = f"payment-review-razorpay-{payment['razorpay_payment_id']}"

            async def review_done() -> ReviewResult | None:
                try:
                    handle = temporal_client.get_workflow_handle(
                        review_id, result_type=ReviewResult
                    )
                    desc = await handle.describe()
                except Exception:
                    return None
                return await handle.result() if desc.close_time else None

            review = await eventually(
                review_done, timeout=60, interval=0.5, message="no review ran"
            )
            assert review.verdict == "late" and review.refund_status == "succeeded"
            _, late_order = await wait_status(deps, late["id"], "expired")
        finally:
            (await control.delete("/faults")).raise_for_status()

    ours = f"{api_server.url}/webhooks/"

    async def accounted() -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]] | None:
        log = [
            e for e in await _sim_log(sim) if e["id"] > before and (e["url"] or "").startswith(ours)
        ]
        made = Counter((e["gateway"], e["event_id"]) for e in log if e["status_code"] is not None)
        audited = await _audit_counts(deps, set(made))
        return (made, audited) if made and made == audited else None

    made, audited = await eventually(
        accounted, timeout=30, interval=0.5, message="audit log does not match the sim log"
    )
    assert sum(audited.values()) == sum(made.values()) > len(made) >= 6  # duplicates included
    log = [e for e in await _sim_log(sim) if e["id"] > before]
    assert any(e["duplicate"] for e in log) and any(e["dropped"] for e in log)
    # Nothing acknowledged and lost: every event the sim got a 2xx for is settled here.
    acked = {(e["gateway"], e["event_id"]) for e in log if e["succeeded"]}
    async with deps.sessions() as s:
        rows = (
            await s.execute(
                select(WebhookEvent.gateway, WebhookEvent.event_id, WebhookEvent.status)
            )
        ).all()
    status = {(g, i): st for g, i, st in rows}
    missing = [k for k in acked if status.get(k) not in ("handed_over", "no_op")]
    assert not missing, missing
    assert late_order.status == "refunded", late_order.status
