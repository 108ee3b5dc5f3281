"""Amounts a PSP could not charge are refused when they are made (CONTRACT 11.1): a
KWD price not ending in 0 (also on PATCH), such a fixed discount, a plan under every
gateway's minimum, a checkout total under its gateway's minimum. No PSP is reached."""

from __future__ import annotations

import httpx

from tests.conftest import ADMIN, SERVICE

from .helpers import make_code, make_product, unique


def _checkout(product_id: str, gateway: str, **extra: object) -> dict[str, object]:
    flow = "order" if gateway == "razorpay" else "payment_intent"
    return {
        "customer_id": "cust_units",
        "customer_email": "buyer@example.com",
        "items": [{"product_id": product_id, "quantity": 1, "custom_data": {}}],
        "gateway": gateway,
        "flow": flow,
        **extra,
    }


async def test_three_decimal_prices_must_end_in_zero(catalogue_api: httpx.AsyncClient) -> None:
    body = {"name": "Dates", "price": 1005, "currency": "KWD", "category": unique("cat")}
    r = await catalogue_api.post("/v1/products", json=body, headers=ADMIN)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "amount_not_chargeable" and "end in 0" in error["message"]
    assert error["details"]["field"] == "price"
    product = await make_product(catalogue_api, price=1000, currency="KWD")
    r = await catalogue_api.patch(
        f"/v1/products/{product['id']}", json={"price": 1001}, headers=ADMIN
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "amount_not_chargeable"
    r = await catalogue_api.patch(
        f"/v1/products/{product['id']}", json={"price": 2505, "currency": "BHD"}, headers=ADMIN
    )
    assert r.status_code == 422, r.text
    r = await catalogue_api.get(f"/v1/products/{product['id']}")
    assert (r.json()["price"], r.json()["currency"]) == (1000, "KWD")  # nothing changed
    await make_product(catalogue_api, price=5000, currency="ISK")  # whole kronur: fine


async def test_fixed_discount_in_fils_must_end_in_zero(catalogue_api: httpx.AsyncClient) -> None:
    body = {"code": unique("KWD"), "amount_off": 5, "currency": "KWD"}
    r = await catalogue_api.post("/v1/discount-codes", json=body, headers=ADMIN)
    assert r.status_code == 422 and r.json()["error"]["code"] == "amount_not_chargeable"
    await make_code(catalogue_api, percent_off=None, amount_off=50, currency="KWD")


async def test_paid_plan_under_every_minimum_is_refused(catalogue_api: httpx.AsyncClient) -> None:
    plan = {"name": "Tiny", "price": 10, "currency": "USD", "interval": "month"}
    r = await catalogue_api.post("/v1/plans", json=plan, headers=ADMIN)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "amount_too_small"
    r = await catalogue_api.post("/v1/plans", json={**plan, "price": 0}, headers=ADMIN)
    assert r.status_code == 201, r.text


async def test_checkout_total_under_the_gateway_minimum(catalogue_api: httpx.AsyncClient) -> None:
    cheap = await make_product(catalogue_api, price=40, currency="USD")
    for gateway, minimum in (("stripe", 50), ("razorpay", 100)):
        headers = {**SERVICE, "Idempotency-Key": unique(f"small-{gateway}")}
        r = await catalogue_api.post(
            "/v1/checkouts", json=_checkout(cheap["id"], gateway), headers=headers
        )
        assert r.status_code == 422, r.text
        error = r.json()["error"]
        assert error["code"] == "amount_too_small"
        assert error["details"]["minimum"] == minimum and error["details"]["gateway"] == gateway
    iqd = await make_product(catalogue_api, price=5000, currency="IQD")
    headers = {**SERVICE, "Idempotency-Key": unique("iqd")}
    r = await catalogue_api.post(
        "/v1/checkouts", json=_checkout(iqd["id"], "stripe"), headers=headers
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "amount_not_chargeable"


async def test_metadata_cannot_override_the_products_keys(
    catalogue_api: httpx.AsyncClient,
) -> None:
    product = await make_product(catalogue_api, price=5000, currency="INR")
    for gateway, metadata in (
        ("stripe", {"checkout_id": "co_forged"}),
        ("razorpay", {"order_id": "ord_forged", "note": "x"}),
        ("razorpay", {f"k{i}": "v" for i in range(14)}),
        ("razorpay", {"long": "v" * 257}),
        ("stripe", {"k" * 41: "v"}),
    ):
        headers = {**SERVICE, "Idempotency-Key": unique("meta")}
        r = await catalogue_api.post(
            "/v1/checkouts",
            json=_checkout(product["id"], gateway, metadata=metadata),
            headers=headers,
        )
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "validation_error"
