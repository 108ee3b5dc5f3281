"""Outages: a delivery that cannot be recorded or handed over is a 5xx, and the PSP's retry
recovers it. Each outage is a second API instance with one dependency pointed at nothing."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from temporalio.client import Client

from api.app import create_app
from sagas.deps import Deps
from sagas.settings import Settings
from tests.checkout.helpers import sim_get, sim_post
from tests.support.net import UvicornThread, eventually, free_port
from tests.webhooks.conftest import (
    Sender,
    pi_object,
    received,
    seed_checkout,
    start_recorder,
    stripe_event,
)
from tests.webhooks.helpers import deliveries, processed


@pytest.fixture(scope="module")
def no_temporal_api(settings: Settings) -> Iterator[UvicornThread]:
    broken = settings.model_copy(update={"temporal_address": f"127.0.0.1:{free_port()}"})
    with UvicornThread(create_app(broken)) as server:
        yield server


@pytest.fixture(scope="module")
def no_database_api(settings: Settings) -> Iterator[UvicornThread]:
    url = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/gone?connect_timeout=2"
    with UvicornThread(create_app(settings.model_copy(update={"database_url": url}))) as server:
        yield server


async def test_database_down_is_503_and_nothing_else(
    no_database_api: UvicornThread, settings: Settings, deps: Deps
) -> None:
    event = stripe_event("payment_intent.succeeded", pi_object(f"pi_{secrets.token_hex(6)}"))
    async with httpx.AsyncClient(base_url=no_database_api.url, timeout=30) as client:
        resp = await Sender(client, settings).stripe(event)
    assert resp.status_code == 503, resp.text
    assert resp.json()["error"]["code"] == "service_unavailable" and resp.headers["retry-after"]
    assert await deliveries(deps, event["id"]) == []  # the other database never saw it


async def test_temporal_down_is_503_then_the_retry_hands_over(
    no_temporal_api: UvicornThread,
    send: Sender,
    settings: Settings,
    deps: Deps,
    temporal_client: Client,
    recorder_queue: str,
) -> None:
    wf = await start_recorder(temporal_client, recorder_queue)
    checkout_id = await seed_checkout(deps, wf)
    event = stripe_event(
        "payment_intent.succeeded",
        pi_object(f"pi_{secrets.token_hex(6)}", {"checkout_id": checkout_id}),
    )
    async with httpx.AsyncClient(base_url=no_temporal_api.url, timeout=30) as client:
        down = await Sender(client, settings).stripe(event)
    assert down.status_code == 503 and down.json()["error"]["details"]["result"] == "failed"
    [row] = await deliveries(deps, event["id"])
    assert (
        row.result == "failed" and row.signature_valid is True and "temporal" in (row.detail or "")
    )
    seen = await processed(deps, "stripe", event["id"])
    assert seen is None or seen.status == "pending"
    assert await received(temporal_client, wf) == []
    retry = await send.stripe(event)  # the PSP retries against a healthy replica
    assert retry.status_code == 200 and retry.json()["result"] == "handed_over"
    assert [e.event_id for e in await received(temporal_client, wf)] == [event["id"]]
    assert [r.result for r in await deliveries(deps, event["id"])] == ["failed", "handed_over"]


async def test_simulator_retry_recovers_a_delivery_answered_5xx(
    no_temporal_api: UvicornThread,
    api_server: UvicornThread,
    sim: Any,
    deps: Deps,
    temporal_client: Client,
    recorder_queue: str,
) -> None:
    wf = await start_recorder(temporal_client, recorder_queue)
    checkout_id = await seed_checkout(deps, wf)
    stripe = deps.gateways.stripe
    assert stripe is not None
    pi = await stripe.v1.payment_intents.create_async(
        params={"amount": 1000, "currency": "usd", "metadata": {"checkout_id": checkout_id}},
        options={"idempotency_key": f"wh-outage-{checkout_id}"},
    )
    endpoints = {
        "stripe": f"{api_server.url}/webhooks/stripe",
        "razorpay": f"{api_server.url}/webhooks/razorpay",
    }
    async with httpx.AsyncClient(timeout=10) as http:
        try:
            (
                await http.put(
                    f"{sim.base_url}/_sim/webhook_endpoints",
                    json={"stripe": f"{no_temporal_api.url}/webhooks/stripe"},
                )
            ).raise_for_status()
            await sim_post(sim, f"/stripe/payment_intents/{pi.id}/pay", {"outcome": "succeed"})

            async def first_failure() -> str | None:
                log = (await sim_get(sim, "/webhooks?type=payment_intent.succeeded"))["data"]
                mine = [
                    e
                    for e in log
                    if e["status_code"] == 503 and e["url"].startswith(no_temporal_api.url)
                ]
                return str(mine[-1]["event_id"]) if mine else None

            event_id = await eventually(
                first_failure, timeout=20, message="the sim never met the 503"
            )
        finally:
            (
                await http.put(f"{sim.base_url}/_sim/webhook_endpoints", json=endpoints)
            ).raise_for_status()

    async def handed() -> bool:
        # The flow has the event, and the sim has the 200 (sent once the outcome is recorded).
        if [e.event_id for e in await received(temporal_client, wf)] != [event_id]:
            return False
        log = (await sim_get(sim, f"/webhooks?event_id={event_id}"))["data"]
        return bool(log) and log[-1]["status_code"] == 200

    await eventually(handed, timeout=30, interval=0.3, message="the retry never reached the flow")
    rows = await deliveries(deps, event_id)
    assert rows[0].result == "failed" and rows[-1].result == "handed_over"
    attempts = (await sim_get(sim, f"/webhooks?event_id={event_id}"))["data"]
    assert attempts[0]["status_code"] == 503 and attempts[-1]["status_code"] == 200
    assert len([a for a in attempts if a["status_code"]]) == len(rows)
