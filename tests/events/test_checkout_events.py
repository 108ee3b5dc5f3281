"""A checkout's and an order's events, delivered to a real receiver on loopback.

A receiver that answers 500 twice gets ``order.paid`` again, with the same
``webhook-id``, on the third attempt; meanwhile the order waits in ``paid`` (the
fulfilment hand-off), and becomes ``fulfilled`` with ``order.fulfilled`` once the
receiver acknowledged. Every delivery verifies with the ``standardwebhooks`` library.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.client import Client

from sagas.deps import Deps
from tests.checkout.helpers import body, create, make_product, rows, sim_post, wait_status
from tests.conftest import ADMIN, SERVICE
from tests.events.conftest import Dispatcher
from tests.events.helpers import deliveries, paid_checkout, verify, wait_acked, wait_types
from tests.events.receiver import MerchantReceiver
from tests.refunds.helpers import post_refund, wait_final
from tests.replay.record import record_history
from tests.support.net import eventually

pytestmark = pytest.mark.usefixtures("worker")


async def test_paid_checkout_retries_then_hands_off(
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    dispatcher: Dispatcher,
    receiver: MerchantReceiver,
    register: Any,
    temporal_client: Client,
) -> None:
    endpoint = await register(receiver.url, ["*"])
    assert endpoint["secret"].startswith("whsec_") and endpoint["status"] == "enabled"
    receiver.by_type["order.paid"] = [500, 500]
    data = await paid_checkout(api, deps, sim)
    order_id = data["order_id"]

    (order_paid,) = await wait_types(api, order_id, ["order.paid"])

    async def two_failures() -> bool:
        return len(receiver.of(order_paid["id"])) >= 2

    await eventually(two_failures, timeout=20, message="order.paid never retried")
    _, order = await rows(deps, data["id"])
    assert order.status == "paid"  # the hand-off waits for the acknowledgement

    await wait_status(deps, data["id"], "fulfilled", timeout=30)
    # The saga handed the order over and ended; the acknowledgement fulfilled it.
    await temporal_client.get_workflow_handle(data["workflow_id"]).result()
    await record_history(temporal_client, data["workflow_id"], "checkout-handoff-awaiting-ack")
    hits = receiver.of(order_paid["id"])
    assert [h.status for h in hits] == [500, 500, 200]
    assert {h.webhook_id for h in hits} == {order_paid["id"]}
    for hit in hits:
        assert verify(endpoint["secret"], hit)["id"] == order_paid["id"]

    paid, fulfilled = await wait_types(api, order_id, ["order.paid", "order.fulfilled"])
    (checkout_paid,) = await wait_types(api, data["id"], ["checkout.paid"])
    assert checkout_paid["sequence"] < paid["sequence"] < fulfilled["sequence"]
    assert [paid["object_sequence"], fulfilled["object_sequence"]] == [1, 2]
    got_order = (await api.get(f"/v1/orders/{order_id}", headers=SERVICE)).json()
    assert fulfilled["data"]["object"] == got_order
    assert paid["data"]["object"] == got_order | {
        "status": "paid",
        "fulfilled_at": None,
    }
    got_checkout = (await api.get(f"/v1/checkouts/{data['id']}", headers=SERVICE)).json()
    assert checkout_paid["data"]["object"] == got_checkout | {"status": "paid"}
    assert checkout_paid["data"]["object"]["client_token"] is None

    for event in (checkout_paid, paid, fulfilled):
        hit = await wait_acked(receiver, event["id"])
        assert verify(endpoint["secret"], hit) == event  # the body is the feed's event
    attempts = await deliveries(api, endpoint["id"], event_id=order_paid["id"])
    assert sorted((a["attempt"], a["status"], a["response_status"]) for a in attempts) == [
        (1, "failed", 500),
        (2, "failed", 500),
        (3, "succeeded", 200),
    ]

    # Refund half, then the rest: refund and order events, in order.
    r = await post_refund(api, order_id, {"amount": 2500})
    assert r.status_code == 202, r.text
    first = await wait_final(deps, r.json()["id"])
    r = await post_refund(api, order_id, {})
    assert r.status_code == 202, r.text
    second = await wait_final(deps, r.json()["id"])
    assert first.status == second.status == "succeeded"
    await wait_types(
        api,
        order_id,
        ["order.paid", "order.fulfilled", "order.partially_refunded", "order.refunded"],
    )
    (ok1,) = await wait_types(api, first.id, ["refund.succeeded"])
    (ok2,) = await wait_types(api, second.id, ["refund.succeeded"])
    got_refund = (await api.get(f"/v1/refunds/{second.id}", headers=SERVICE)).json()
    assert ok2["data"]["object"] == got_refund
    assert ok1["sequence"] < ok2["sequence"]


async def test_expired_and_cancelled_checkouts(
    api: httpx.AsyncClient,
    deps: Deps,
    dispatcher: Dispatcher,
    receiver: MerchantReceiver,
    register: Any,
) -> None:
    endpoint = await register(receiver.url, ["checkout.expired", "checkout.cancelled"])
    product = await make_product(deps)
    expiring = (await create(api, body(product, expires_in_s=2))).json()
    cancelled = (await create(api, body(product))).json()
    r = await api.post(f"/v1/checkouts/{cancelled['id']}/cancel", json={}, headers=SERVICE)
    assert r.status_code == 200, r.text
    (ev_cancel,) = await wait_types(api, cancelled["id"], ["checkout.cancelled"])
    (ev_expire,) = await wait_types(api, expiring["id"], ["checkout.expired"], timeout=60)
    for event, checkout in ((ev_cancel, cancelled), (ev_expire, expiring)):
        got = (await api.get(f"/v1/checkouts/{checkout['id']}", headers=SERVICE)).json()
        assert event["data"]["object"] == got
        hit = await wait_acked(receiver, event["id"])
        assert verify(endpoint["secret"], hit)["type"] == event["type"]
    # Only what it subscribed to reached it.
    assert {h.json["type"] for h in receiver.hits} <= {"checkout.expired", "checkout.cancelled"}
    # An unpaid order cannot be fulfilled by the merchant.
    r = await api.post(f"/v1/orders/{cancelled['order_id']}/fulfil", headers=SERVICE)
    assert r.status_code == 409 and r.json()["error"]["code"] == "order_not_paid"


async def test_merchant_fulfils_and_disabling_releases(
    api: httpx.AsyncClient,
    deps: Deps,
    sim: Any,
    dispatcher: Dispatcher,
    receiver: MerchantReceiver,
    register: Any,
) -> None:
    """A receiver that never acknowledges: the order waits in ``paid`` until the merchant
    fulfils it itself, or the endpoint is disabled."""
    endpoint = await register(receiver.url, ["order.paid"])
    receiver.always = 500
    first = await paid_checkout(api, deps, sim)
    second = await paid_checkout(api, deps, sim)
    (ev,) = await wait_types(api, first["order_id"], ["order.paid"])

    async def retried() -> bool:
        return len(receiver.of(ev["id"])) >= 2

    await eventually(retried, timeout=20, message="order.paid not retried")
    for checkout in (first, second):
        _, order = await rows(deps, checkout["id"])
        assert order.status == "paid"

    r = await api.post(f"/v1/orders/{first['order_id']}/fulfil", headers=SERVICE)
    assert r.status_code == 200 and r.json()["status"] == "fulfilled", r.text
    again = await api.post(f"/v1/orders/{first['order_id']}/fulfil", headers=SERVICE)
    assert again.status_code == 200 and again.json()["status"] == "fulfilled"
    await wait_types(api, first["order_id"], ["order.paid", "order.fulfilled"])

    r = await api.patch(
        f"/v1/webhook-endpoints/{endpoint['id']}", json={"status": "disabled"}, headers=ADMIN
    )
    assert r.status_code == 200 and r.json()["status"] == "disabled", r.text
    _, order = await rows(deps, second["id"])
    assert order.status == "fulfilled"  # released in the same transaction
    await wait_types(api, second["order_id"], ["order.paid", "order.fulfilled"])


async def test_late_payment_is_refunded_with_its_events(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    """A Razorpay payment after expiry: the simulator's webhook starts the review, which
    refunds it; the merchant hears ``checkout.expired``, then ``refund.succeeded``,
    ``order.refunded`` and ``payment.late_refunded``."""
    product = await make_product(deps, currency="INR")
    data = (
        await create(api, body(product, gateway="razorpay", flow="order", expires_in_s=2))
    ).json()
    await wait_status(deps, data["id"], "expired")
    await sim_post(
        sim, f"/razorpay/orders/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )

    async def refunded() -> dict[str, Any] | None:
        got: dict[str, Any] = (
            await api.get(f"/v1/orders/{data['order_id']}", headers=SERVICE)
        ).json()
        return got if got["status"] == "refunded" else None

    order = await eventually(refunded, timeout=60, message="late payment never refunded")
    (payment,) = order["payments"]
    (refund,) = order["refunds"]
    await wait_types(api, data["id"], ["checkout.expired"])
    (ev_order,) = await wait_types(api, data["order_id"], ["order.refunded"])
    assert ev_order["data"]["object"] == order
    (ev_refund,) = await wait_types(api, refund["id"], ["refund.succeeded"])
    (ev_late,) = await wait_types(api, payment["id"], ["payment.late_refunded"])
    late = ev_late["data"]["object"]
    assert late["order_id"] == data["order_id"] and late["refund"]["id"] == refund["id"]
    assert late["amount"] == late["refunded"] == payment["amount"]
    assert ev_refund["sequence"] < ev_order["sequence"] < ev_late["sequence"]
