"""Merchant-event test helpers: a paid checkout through the API and the simulator, the
feed for one object, signature checks as a merchant's backend makes them."""

from __future__ import annotations

from typing import Any

import httpx
from standardwebhooks.webhooks import Webhook

from sagas.deps import Deps
from tests.checkout.helpers import body, create, make_product, sim_post, wait_status
from tests.conftest import ADMIN, SERVICE
from tests.events.receiver import Hit, MerchantReceiver
from tests.support.net import eventually


async def paid_checkout(
    api: httpx.AsyncClient, deps: Deps, sim: Any, **extra: Any
) -> dict[str, Any]:
    """A Stripe PaymentIntent checkout the payer paid; answers once the order is paid."""
    product = await make_product(deps, price=5000)
    r = await create(api, body(product, **extra))
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    await sim_post(
        sim, f"/stripe/payment_intents/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )
    await wait_status(deps, data["id"], "paid", "fulfilled")
    return data


async def feed(api: httpx.AsyncClient, object_id: str) -> list[dict[str, Any]]:
    r = await api.get("/v1/events", params={"object_id": object_id, "limit": 500}, headers=SERVICE)
    assert r.status_code == 200, r.text
    events: list[dict[str, Any]] = r.json()["data"]
    return events


async def types_of(api: httpx.AsyncClient, object_id: str) -> list[str]:
    return [e["type"] for e in await feed(api, object_id)]


async def wait_types(
    api: httpx.AsyncClient, object_id: str, expected: list[str], *, timeout: float = 40
) -> list[dict[str, Any]]:
    async def probe() -> list[dict[str, Any]] | None:
        events = await feed(api, object_id)
        return events if [e["type"] for e in events] == expected else None

    found: list[dict[str, Any]] = await eventually(
        probe, timeout=timeout, interval=0.3, message=f"events of {object_id} never {expected}"
    )
    return found


async def wait_acked(receiver: MerchantReceiver, event_id: str, *, timeout: float = 30) -> Hit:
    async def probe() -> Hit | None:
        return receiver.acked().get(event_id)

    hit: Hit = await eventually(
        probe, timeout=timeout, interval=0.1, message=f"{event_id} never acknowledged"
    )
    return hit


def verify(secret: str, hit: Hit) -> dict[str, Any]:
    """What a merchant's backend does: the library verifies (or raises)."""
    payload: dict[str, Any] = Webhook(secret).verify(hit.body, hit.headers)
    return payload


async def deliveries(
    api: httpx.AsyncClient, endpoint_id: str, **params: str
) -> list[dict[str, Any]]:
    r = await api.get(
        f"/v1/webhook-endpoints/{endpoint_id}/deliveries", params=params, headers=ADMIN
    )
    assert r.status_code == 200, r.text
    rows: list[dict[str, Any]] = r.json()["data"]
    return rows


async def stored_types(sessions: Any, object_id: str) -> list[str]:
    """The object's event types straight from the outbox, in sequence order."""
    from sqlalchemy import select

    from sagas.db.models.events import Event

    async with sessions() as session:
        found = await session.scalars(
            select(Event.type).where(Event.object_id == object_id).order_by(Event.sequence)
        )
        return list(found)
