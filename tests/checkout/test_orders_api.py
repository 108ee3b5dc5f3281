"""GET /v1/orders (service, admin: filters, pagination) and GET /v1/orders/{id}."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.checkout.helpers import ADMIN, SERVICE, body, create, make_product


async def test_orders_listing_filters_and_pages(
    worker: Worker, api: httpx.AsyncClient, deps: Deps
) -> None:
    customer = f"cust_{secrets.token_hex(4)}"
    category = f"cat{secrets.token_hex(3)}"
    product = await make_product(deps, category=category)
    ids = []
    for _ in range(3):
        resp = await create(api, body(product, customer_id=customer))
        assert resp.status_code == 201, resp.text
        ids.append(resp.json()["order_id"])
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(5):  # bounded paging
        params: dict[str, Any] = {"customer_id": customer, "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = await api.get("/v1/orders", params=params, headers=ADMIN)
        assert page.status_code == 200, page.text
        seen += [o["id"] for o in page.json()["data"]]
        cursor = page.json()["next_cursor"]
        if not page.json()["has_more"]:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 3
    by_category = await api.get("/v1/orders", params={"category": category}, headers=ADMIN)
    assert {o["id"] for o in by_category.json()["data"]} == set(ids)
    pending = await api.get(
        "/v1/orders", params={"customer_id": customer, "status": "paid"}, headers=ADMIN
    )
    assert pending.json()["data"] == []
    # The merchant's backend lists its orders too (CONTRACT section 10).
    as_service = await api.get("/v1/orders", params={"customer_id": customer}, headers=SERVICE)
    assert as_service.status_code == 200 and len(as_service.json()["data"]) == 3
    assert (
        await api.get("/v1/orders", params={"status": "nope"}, headers=ADMIN)
    ).status_code == 422
    bad_cursor = await api.get("/v1/orders", params={"cursor": "!!"}, headers=ADMIN)
    assert bad_cursor.status_code == 422
    one = await api.get(f"/v1/orders/{ids[0]}", headers=SERVICE)
    data = one.json()
    assert (data["gross"], data["discount"], data["net"]) == (10000, 0, 10000)
    assert data["items"][0]["category"] == category and data["status"] == "pending"
    assert (await api.get("/v1/orders/ord_missing", headers=ADMIN)).status_code == 404
