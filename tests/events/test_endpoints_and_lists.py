"""Webhook endpoint management and the service-role lists over the API."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest

from sagas.deps import Deps
from tests.checkout.helpers import body, create, make_product
from tests.conftest import ADMIN, SERVICE

pytestmark = pytest.mark.usefixtures("worker")


async def test_endpoint_crud_and_validation(api: httpx.AsyncClient, register: Any) -> None:
    made = await register("http://127.0.0.1:9/hooks", ["order.paid", "refund.succeeded"])
    assert made["id"].startswith("we_") and made["secret"].startswith("whsec_")
    listed = (await api.get("/v1/webhook-endpoints", headers=ADMIN)).json()
    assert made["id"] in [e["id"] for e in listed] and all("secret" not in e for e in listed)
    r = await api.patch(
        f"/v1/webhook-endpoints/{made['id']}",
        json={"event_types": ["*"], "description": "all"},
        headers=ADMIN,
    )
    assert r.status_code == 200 and r.json()["event_types"] == ["*"], r.text
    for bad in (
        {"url": "ftp://127.0.0.1/x", "event_types": ["*"]},
        {"url": "http://127.0.0.1/x", "event_types": ["order.nope"]},
        {"url": "http://127.0.0.1/x", "event_types": []},
        {"url": "http://127.0.0.1/x", "event_types": ["*"], "extra": 1},
    ):
        r = await api.post("/v1/webhook-endpoints", json=bad, headers=ADMIN)
        assert r.status_code == 422, (bad, r.text)
    r = await api.post(
        "/v1/webhook-endpoints",
        json={"url": "ftp://x.example/", "event_types": ["*"]},
        headers=ADMIN,
    )
    assert r.json()["error"]["code"] == "url_not_allowed"
    r = await api.patch(
        f"/v1/webhook-endpoints/{made['id']}", json={"status": "deleted"}, headers=ADMIN
    )
    assert r.status_code == 422
    assert (
        await api.delete(f"/v1/webhook-endpoints/{made['id']}", headers=ADMIN)
    ).status_code == 204
    assert (await api.get(f"/v1/webhook-endpoints/{made['id']}", headers=ADMIN)).status_code == 404
    assert (
        await api.get("/v1/webhook-endpoints/we_nope/deliveries", headers=ADMIN)
    ).status_code == 404


async def test_service_lists_page_with_keyset_cursors(api: httpx.AsyncClient, deps: Deps) -> None:
    product = await make_product(deps)
    cus = f"cus_{secrets.token_hex(4)}"
    made = []
    for _ in range(3):
        r = await create(api, body(product, customer_id=cus))
        assert r.status_code == 201, r.text
        made.append(r.json()["id"])
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(5):  # bounded
        params: dict[str, Any] = {"customer_id": cus, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await api.get("/v1/checkouts", params=params, headers=SERVICE)).json()
        seen += [c["id"] for c in page["data"]]
        assert all(c["client_token"] is None for c in page["data"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == list(reversed(made))  # newest first, each once
    for cid in made:
        await api.post(f"/v1/checkouts/{cid}/cancel", json={}, headers=SERVICE)
    orders = await api.get("/v1/orders", params={"customer_id": cus}, headers=SERVICE)
    assert orders.status_code == 200 and len(orders.json()["data"]) == 3
    for path, params in (
        ("/v1/refunds", {"status": "succeeded", "limit": 1}),
        ("/v1/subscriptions", {"status": "active", "limit": 1}),
        ("/v1/checkouts", {"status": "cancelled", "limit": 1}),
    ):
        r = await api.get(path, params=params, headers=SERVICE)
        assert r.status_code == 200 and set(r.json()) == {"data", "next_cursor", "has_more"}, r.text
    for path, params in (
        ("/v1/refunds", {"status": "nope"}),
        ("/v1/subscriptions", {"cursor": "!!"}),
        ("/v1/checkouts", {"limit": 0}),
    ):
        assert (await api.get(path, params=params, headers=SERVICE)).status_code == 422
