"""The admin audit-log API: filters, pagination, one delivery, and replay."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import httpx
from temporalio.client import Client

from sagas.deps import Deps
from tests.conftest import ADMIN
from tests.webhooks.conftest import (
    Sender,
    pi_object,
    received,
    seed_checkout,
    start_recorder,
    stripe_event,
)
from tests.webhooks.helpers import delivery, processed

URL = "/v1/admin/webhook-events"


async def test_filters_and_pagination(api: httpx.AsyncClient, send: Sender) -> None:
    since = datetime.now(UTC) - timedelta(seconds=1)
    event_type = f"test.kind_{secrets.token_hex(3)}"  # unhandled: each is a recorded no-op
    sent = [stripe_event(event_type, {"id": f"x_{i}", "object": "thing"}) for i in range(5)]
    for event in sent:
        assert (await send.stripe(event)).status_code == 200
    assert (await send.stripe(sent[0], secret="whsec_wrong")).status_code == 400
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"event_type": event_type, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await api.get(URL, params=params, headers=ADMIN)).json()
        seen += [d["event_id"] for d in page["data"]]
        assert all(d["payload"] is None for d in page["data"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    # the forged copy is listed too, under the id its (unverified) body claims
    assert sorted(seen) == sorted([*(e["id"] for e in sent), sent[0]["id"]])
    bad = (
        await api.get(
            URL, params={"event_type": event_type, "signature_valid": "false"}, headers=ADMIN
        )
    ).json()
    assert [d["result"] for d in bad["data"]] == ["invalid_signature"]
    no_ops = await api.get(
        URL,
        params={
            "event_type": event_type,
            "result": "no_op",
            "gateway": "stripe",
            "received_from": since.isoformat(),
        },
        headers=ADMIN,
    )
    assert len(no_ops.json()["data"]) == 5
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    later = await api.get(
        URL, params={"event_type": event_type, "received_from": future}, headers=ADMIN
    )
    assert later.json()["data"] == []
    before = await api.get(
        URL, params={"event_type": event_type, "received_to": since.isoformat()}, headers=ADMIN
    )
    assert before.json()["data"] == []
    one = (await api.get(f"{URL}/{no_ops.json()['data'][0]['id']}", headers=ADMIN)).json()
    assert one["payload"] and one["signature_valid"] is True
    with_payload = await api.get(
        URL, params={"event_type": event_type, "include_payload": "true"}, headers=ADMIN
    )
    assert all(d["payload"] for d in with_payload.json()["data"])


async def test_bad_filters_are_422_and_unknown_ids_404(api: httpx.AsyncClient) -> None:
    for params in (
        {"result": "exploded"},
        {"gateway": "paypal"},
        {"cursor": "not-a-cursor"},
        {"received_from": "2026-01-01T00:00:00"},  # naive
        {"limit": 0},
        {"signature_valid": "maybe"},
    ):
        resp = await api.get(URL, params=params, headers=ADMIN)
        assert resp.status_code == 422, (params, resp.text)
        assert resp.json()["error"]["code"] == "validation_error"
    assert (await api.get(f"{URL}/whd_nope", headers=ADMIN)).status_code == 404
    assert (await api.post(f"{URL}/whd_nope/replay", headers=ADMIN)).status_code == 404


async def test_replay_delivers_a_recorded_event_through_the_same_path(
    api: httpx.AsyncClient, send: Sender, deps: Deps, temporal_client: Client, recorder_queue: str
) -> None:
    # The event arrives before anything routes it (unknown flow): a recorded no-op.
    pi_id = f"pi_{secrets.token_hex(6)}"
    event = stripe_event(
        "payment_intent.payment_failed", pi_object(pi_id, status="requires_payment_method")
    )
    first = (await send.stripe(event)).json()
    assert first["result"] == "no_op"
    # Later the flow exists; an operator replays the recorded delivery.
    wf = await start_recorder(temporal_client, recorder_queue)
    await seed_checkout(deps, wf, object_id=pi_id)
    resp = await api.post(f"{URL}/{first['delivery_id']}/replay", headers=ADMIN)
    assert resp.status_code == 200, resp.text
    replay = resp.json()["delivery"]
    assert resp.json()["replayed"] == first["delivery_id"]
    assert replay["replay_of"] == first["delivery_id"] and replay["result"] == "handed_over"
    assert replay["workflow_id"] == wf and replay["id"] != first["delivery_id"]
    assert [e.event_id for e in await received(temporal_client, wf)] == [event["id"]]
    seen = await processed(deps, "stripe", event["id"])
    assert seen is not None and seen.status == "handed_over"
    # Replaying again hands the same event id over again; the flow dedupes by event id.
    again = await api.post(f"{URL}/{first['delivery_id']}/replay", headers=ADMIN)
    assert again.status_code == 200 and again.json()["delivery"]["result"] == "handed_over"
    assert {e.event_id for e in await received(temporal_client, wf)} == {event["id"]}
    # The PSP's own retry of it is still a duplicate.
    assert (await send.stripe(event)).json()["result"] == "duplicate"


async def test_only_verified_deliveries_can_be_replayed(
    api: httpx.AsyncClient, send: Sender, deps: Deps
) -> None:
    event = stripe_event("payment_intent.succeeded", pi_object("pi_forged"))
    forged = (await send.stripe(event, secret="whsec_forged")).json()
    delivery_id = forged["error"]["details"]["delivery_id"]
    resp = await api.post(f"{URL}/{delivery_id}/replay", headers=ADMIN)
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "conflict"
    assert (await delivery(deps, delivery_id)).result == "invalid_signature"
    assert await processed(deps, "stripe", event["id"]) is None
