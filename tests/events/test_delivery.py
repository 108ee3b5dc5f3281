"""Delivery under trouble, on the real stack: a receiver down for a while gets everything
once it is back; a dispatcher worker killed mid-delivery loses nothing; redelivery keeps
the ``webhook-id``; a rotated secret signs beside the old one. Subscription events too.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from prometheus_client import REGISTRY
from temporalio.client import Client

from sagas.deps import Deps
from tests.conftest import ADMIN, SERVICE
from tests.events.conftest import Dispatcher
from tests.events.helpers import deliveries, verify, wait_acked, wait_types
from tests.events.receiver import MerchantReceiver
from tests.replay.record import record_history
from tests.subscriptions.helpers import create_plan, customer, subscribe
from tests.support.net import eventually

pytestmark = pytest.mark.usefixtures("worker")


async def _free_subscription(api: httpx.AsyncClient, plan_id: str) -> dict[str, Any]:
    r = await subscribe(api, customer_id=customer(), plan_id=plan_id, gateway=None)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


async def test_subscription_events(
    api: httpx.AsyncClient, dispatcher: Dispatcher, receiver: MerchantReceiver, register: Any
) -> None:
    endpoint = await register(
        receiver.url, ["subscription.active", "subscription.trialing", "subscription.cancelled"]
    )
    free = await create_plan(api, price=0, name="Free")
    trial = await create_plan(api, price=1500, trial_days=7, name="Trial")
    sub = await _free_subscription(api, free["id"])
    r = await subscribe(api, customer_id=customer(), plan_id=trial["id"], gateway="stripe")
    assert r.status_code == 201, r.text
    trialing = r.json()
    (active,) = await wait_types(api, sub["id"], ["subscription.active"])
    (ev_trial,) = await wait_types(api, trialing["id"], ["subscription.trialing"])
    assert ev_trial["data"]["object"]["status"] == "trialing"
    assert active["data"]["object"] == sub
    r = await api.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
    assert r.status_code == 200, r.text
    _, cancelled = await wait_types(
        api, sub["id"], ["subscription.active", "subscription.cancelled"]
    )
    got = (await api.get(f"/v1/subscriptions/{sub['id']}", headers=SERVICE)).json()
    assert cancelled["data"]["object"] == got and cancelled["object_sequence"] == 2
    for event in (active, ev_trial, cancelled):
        assert verify(endpoint["secret"], await wait_acked(receiver, event["id"])) == event


async def test_receiver_down_gets_everything_later(
    api: httpx.AsyncClient, dispatcher: Dispatcher, receiver: MerchantReceiver, register: Any
) -> None:
    endpoint = await register(receiver.url, ["subscription.active"])
    plan = await create_plan(api, price=0, name="Free")
    before = {r: _delivered(r) for r in ("retrying", "succeeded")}
    receiver.stop()
    subs = [await _free_subscription(api, plan["id"]) for _ in range(3)]
    events = [(await wait_types(api, s["id"], ["subscription.active"]))[0] for s in subs]

    async def all_failed_once() -> bool:
        rows = await deliveries(api, endpoint["id"], status="failed")
        return {r["event_id"] for r in rows} >= {e["id"] for e in events}

    await eventually(all_failed_once, timeout=20, message="no failed attempts while down")
    receiver.start()  # back, same port
    for event in events:
        hit = await wait_acked(receiver, event["id"])
        assert verify(endpoint["secret"], hit)["id"] == event["id"]
    assert all(len(receiver.of(e["id"])) == 1 for e in events)  # acknowledged once each
    # merchant_webhook_deliveries_total{result} counted every attempt (CONTRACT 15).
    # An attempt is recorded just after the receiver answers: wait for the last one.
    assert _delivered("retrying") - before["retrying"] >= 3

    async def all_counted() -> bool:
        return _delivered("succeeded") - before["succeeded"] >= 3

    await eventually(all_counted, timeout=10, message="successful attempts not counted")


def _delivered(result: str) -> float:
    value = REGISTRY.get_sample_value("merchant_webhook_deliveries_total", {"result": result})
    return value or 0.0


async def test_worker_killed_mid_delivery_loses_nothing(
    api: httpx.AsyncClient,
    dispatcher: Dispatcher,
    receiver: MerchantReceiver,
    register: Any,
    temporal_client: Client,
) -> None:
    endpoint_id = (await register(receiver.url, ["subscription.active"]))["id"]
    plan = await create_plan(api, price=0, name="Free")
    receiver.delay_s = 1.5  # the answer comes after the worker is gone
    sub = await _free_subscription(api, plan["id"])
    (event,) = await wait_types(api, sub["id"], ["subscription.active"])

    async def arrived() -> bool:
        return receiver.arrived >= 1

    await eventually(arrived, timeout=20, message="the delivery never started")
    await dispatcher.stop_worker()  # cuts the dispatch activity mid-flight
    receiver.delay_s = 0
    await asyncio.sleep(0.5)
    await dispatcher.start_worker()

    async def recorded() -> list[dict[str, Any]]:
        rows = await deliveries(api, endpoint_id, event_id=event["id"], status="succeeded")
        return rows

    (done,) = await eventually(recorded, timeout=60, message="the cut delivery never resumed")
    # The cut attempt reached the receiver but its answer was lost with the worker: the
    # resumed dispatcher sent it again, same webhook-id (at least once, never zero).
    hits = receiver.of(event["id"])
    assert len(hits) >= 2 and {h.webhook_id for h in hits} == {event["id"]}
    assert done["attempt"] == 1  # the lost attempt left no record, only a lease
    await record_history(temporal_client, dispatcher.workflow_id, "merchant-webhook-dispatcher")


async def test_redeliver_and_rotate_secret(
    api: httpx.AsyncClient, dispatcher: Dispatcher, receiver: MerchantReceiver, register: Any
) -> None:
    endpoint = await register(receiver.url, ["subscription.active"])
    plan = await create_plan(api, price=0, name="Free")
    sub = await _free_subscription(api, plan["id"])
    (event,) = await wait_types(api, sub["id"], ["subscription.active"])
    await wait_acked(receiver, event["id"])

    r = await api.post(f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret", headers=ADMIN)
    assert r.status_code == 200, r.text
    rotated = r.json()
    assert rotated["secret"] != endpoint["secret"] and rotated["previous_secret_expires_at"]
    read = (await api.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=ADMIN)).json()
    assert "secret" not in read  # shown only at create and rotate

    r = await api.post(f"/v1/events/{event['id']}/redeliver", json={}, headers=ADMIN)
    assert r.status_code == 202, r.text

    async def twice() -> bool:
        return len(receiver.of(event["id"])) >= 2

    await eventually(twice, timeout=20, message="never redelivered")
    again = receiver.of(event["id"])[-1]
    assert again.webhook_id == event["id"]
    assert len(again.headers["webhook-signature"].split(" ")) == 2  # both secrets sign
    assert verify(rotated["secret"], again) == event
    assert verify(endpoint["secret"], again) == event

    r = await api.post(
        f"/v1/events/{event['id']}/redeliver", json={"endpoint_id": "we_nope"}, headers=ADMIN
    )
    assert r.status_code == 404
    assert (
        await api.post("/v1/events/evt_nope/redeliver", json={}, headers=ADMIN)
    ).status_code == 404


async def test_feed_pages_filters_and_long_polls(api: httpx.AsyncClient, deps: Deps) -> None:
    plan = await create_plan(api, price=0, name="Free")
    head = (await api.get("/v1/events", params={"limit": 500}, headers=SERVICE)).json()
    after = head["next_after"]
    while head["has_more"]:  # bounded by the events so far
        head = (
            await api.get("/v1/events", params={"after": after, "limit": 500}, headers=SERVICE)
        ).json()
        after = head["next_after"]

    async def later() -> dict[str, Any]:
        await asyncio.sleep(1.0)
        return await _free_subscription(api, plan["id"])

    waiter = api.get(
        "/v1/events",
        params={"after": after, "wait_s": 15, "type": "subscription.active"},
        headers=SERVICE,
    )
    answer, sub = await asyncio.gather(waiter, later())
    assert answer.status_code == 200, answer.text
    page = answer.json()
    assert [e["object_id"] for e in page["data"]] == [sub["id"]]
    assert page["next_after"] == page["data"][0]["sequence"] > after

    empty = await api.get(
        "/v1/events", params={"after": page["next_after"], "wait_s": 0.5}, headers=SERVICE
    )
    assert empty.json() == {"data": [], "has_more": False, "next_after": page["next_after"]}
    one = await api.get(f"/v1/events/{page['data'][0]['id']}", headers=ADMIN)
    assert one.json() == page["data"][0]
    for bad in (
        {"limit": 0},
        {"limit": 501},
        {"wait_s": 31},
        {"type": "order.nope"},
        {"after": -1},
    ):
        r = await api.get("/v1/events", params=bad, headers=SERVICE)
        assert r.status_code == 422, (bad, r.text)
    assert (await api.get("/v1/events/evt_nope", headers=SERVICE)).status_code == 404
