"""Opening a refund: each guard answers a clear 4xx and writes nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.worker import Worker

from sagas.deps import Deps
from tests.conftest import ADMIN, SERVICE
from tests.refunds.helpers import days_ago, order_row, post_refund, refund_rows, seed_order


async def test_window_closed(api: httpx.AsyncClient, deps: Deps, sim: Any, worker: Worker) -> None:
    window = deps.settings.refund_window_days
    s = await seed_order(deps, sim, "stripe", paid_at=days_ago(window + 1))
    r = await post_refund(api, s.order_id, {"amount": 100})
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "refund_window_closed"
    assert await refund_rows(deps, s.order_id) == []
    # Just inside the window it opens.
    inside = await seed_order(deps, sim, "stripe", paid_at=days_ago(window - 1))
    ok = await post_refund(api, inside.order_id, {"amount": 100})
    assert ok.status_code == 202, ok.text


@pytest.mark.parametrize("status", ["pending", "expired", "cancelled", "refunded"])
async def test_order_not_paid(api: httpx.AsyncClient, deps: Deps, sim: Any, status: str) -> None:
    s = await seed_order(deps, sim, "stripe", status=status)
    r = await post_refund(api, s.order_id)
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "order_not_refundable"
    assert await refund_rows(deps, s.order_id) == []
    assert (await order_row(deps, s.order_id)).status == status


async def test_bad_input(api: httpx.AsyncClient, deps: Deps, sim: Any) -> None:
    s = await seed_order(deps, sim, "stripe")
    cases: list[tuple[dict[str, Any], int]] = [
        ({"amount": 0}, 422),
        ({"amount": -5}, 422),
        ({"amount": 12.5}, 422),
        ({"amount": "100"}, 422),
        ({"amount": s.amount + 1}, 422),
        ({"amount": 100, "currency": "EUR"}, 422),
        ({"amount": 100, "currency": "XXX1"}, 422),
        ({"amount": 100, "surprise": True}, 422),
        ({"reason": ""}, 422),
    ]
    for body, status in cases:
        r = await post_refund(api, s.order_id, body)
        assert r.status_code == status, (body, r.text)
        assert "error" in r.json()
    no_key = await api.post(f"/v1/orders/{s.order_id}/refunds", json={}, headers=SERVICE)
    assert no_key.status_code == 400
    assert no_key.json()["error"]["code"] == "idempotency_key_required"
    missing = await post_refund(api, "ord_nope")
    assert missing.status_code == 404
    long_id = await post_refund(api, "x" * 41)
    assert long_id.status_code == 422
    unauth = await api.post(
        f"/v1/orders/{s.order_id}/refunds", json={}, headers={"Idempotency-Key": "k1234567890"}
    )
    assert unauth.status_code == 401
    admin = await api.post(
        f"/v1/orders/{s.order_id}/refunds",
        json={},
        headers={**ADMIN, "Idempotency-Key": "k1234567890"},
    )
    assert admin.status_code == 403
    assert await refund_rows(deps, s.order_id) == []
    assert (await api.get("/v1/refunds/rf_nope", headers=SERVICE)).status_code == 404
    assert (await api.get("/v1/refunds/rf_nope")).status_code == 401
