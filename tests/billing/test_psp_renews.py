"""The PSP bills by itself and the product follows (CONTRACT section 12), on the whole
stack: no per-renewal control call anywhere here. Renewals, trial conversions and
retries happen when the simulator's clock reaches them (`POST /_sim/clock/advance`);
the payer's card behaviour is set on their PSP customer.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from temporalio.client import Client

from sagas.db.models.customers import PspCustomer
from sagas.db.models.events import Event
from sagas.deps import Deps
from tests.billing.helpers import (
    DAY,
    active,
    advance_to,
    card,
    control,
    period_index,
    record_first_run,
    to_charge_at,
    to_period_end,
)
from tests.checkout.helpers import body, create, make_product
from tests.conftest import SERVICE
from tests.replay.record import record_history
from tests.subscriptions.helpers import (
    create_plan,
    customer,
    entitled_plans,
    pay_first,
    row,
    sim_object,
    subscribe,
    wait_status,
)
from tests.support.net import eventually

pytestmark = [pytest.mark.usefixtures("worker"), pytest.mark.timeout(120)]


async def test_stripe_renewals_by_the_psp_alone_stay_active(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    cus = customer()
    sub_id, gsid, plan = await active(api, deps, sim, cus)
    assert (await sim_object(sim, "stripe", gsid))["default_payment_method"]  # saved
    for n in (1, 2, 3):
        await to_period_end(sim, gsid)
        await period_index(deps, sub_id, n)
        current = await row(deps.sessions, sub_id)
        assert current.status == "active" and current.grace_until is None
    assert await entitled_plans(deps.sessions, cus) == [plan]
    psp = await sim_object(sim, "stripe", gsid)
    assert psp["status"] == "active"
    # The same customer's second subscription reuses the one Stripe customer.
    other = await create_plan(api, price=900)
    r = await subscribe(api, customer_id=cus, plan_id=other["id"], gateway="stripe")
    assert r.status_code == 201, r.text
    second = await sim_object(sim, "stripe", r.json()["gateway_subscription_id"])
    assert second["customer"] == psp["customer"]
    # … and so does their checkout: its PaymentIntent is on the same Stripe customer.
    product = await make_product(deps, price=700)
    made = await create(api, body(product, customer_id=cus))
    assert made.status_code == 201, made.text
    pi_id = made.json()["gateway"]["object_id"]
    assert (await sim_object(sim, "stripe", pi_id))["customer"] == psp["customer"]
    async with deps.sessions() as session:
        rows = (
            (await session.execute(select(PspCustomer).where(PspCustomer.customer_id == cus)))
            .scalars()
            .all()
        )
    assert [(c.gateway, c.gateway_customer_id) for c in rows] == [("stripe", psp["customer"])]


async def test_a_declined_renewal_goes_past_due_then_recovers_on_the_psp_retry(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    cus = customer()
    sub_id, gsid, plan = await active(api, deps, sim, cus)
    await card(sim, "stripe", gsid, "decline")
    await to_period_end(sim, gsid)
    past_due = await wait_status(deps.sessions, sub_id, "past_due", within=40)
    assert past_due.grace_until is not None
    assert await entitled_plans(deps.sessions, cus) == [plan]  # within the grace
    await card(sim, "stripe", gsid, "succeed")
    await control(sim, "POST", "clock/advance", {"seconds": DAY + 5})  # Stripe's retry
    back = await wait_status(deps.sessions, sub_id, "active", within=40)
    assert back.period_index == 1 and back.grace_until is None


async def test_a_renewal_needing_authentication_is_recovered_on_the_hosted_page(
    api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    cus = customer()
    sub_id, gsid, _ = await active(api, deps, sim, cus)
    await card(sim, "stripe", gsid, "authenticate")
    await to_period_end(sim, gsid)
    await wait_status(deps.sessions, sub_id, "past_due", within=40)

    async def hosted_url() -> str | None:
        r = await api.get(f"/v1/subscriptions/{sub_id}", headers=SERVICE)
        url: str | None = r.json()["payer"].get("hosted_invoice_url")
        return url

    url = await eventually(hosted_url, timeout=20, interval=0.2, message="no hosted_invoice_url")
    async with deps.sessions() as session:  # the merchant is told, with where to send the payer
        told = (
            await session.scalars(
                select(Event).where(
                    Event.object_id == sub_id, Event.type == "subscription.payment_action_required"
                )
            )
        ).all()
    assert len(told) == 1 and told[0].data["object"]["payer"]["hosted_invoice_url"] == url
    async with httpx.AsyncClient(timeout=10) as payer:
        assert "Authenticate" in (await payer.get(url)).text
        paid = await payer.post(url, data={"action": "pay"})
    assert paid.status_code == 200, paid.text
    back = await wait_status(deps.sessions, sub_id, "active", within=40)
    assert back.period_index == 1
    assert "hosted_invoice_url" not in (back.payer_details or {})
    await record_first_run(
        temporal_client, f"subscription-{sub_id}", "subscription-renewal-authenticated-by-payer"
    )


async def test_a_trial_saves_the_card_up_front_and_converts_off_session(
    api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    plan = await create_plan(api, price=2500, trial_days=7)
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="stripe")
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["status"] == "trialing" and sub["gateway_subscription_id"]
    assert sub["payer"]["setup_client_secret"].startswith("seti_")
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    si = sub["payer"]["setup_intent_id"]
    await control(sim, "POST", f"stripe/setup_intents/{si}/confirm", {"outcome": "succeed"})
    gsid = sub["gateway_subscription_id"]
    psp = await sim_object(sim, "stripe", gsid)
    assert psp["status"] == "trialing" and psp["default_payment_method"]
    await advance_to(sim, int(psp["trial_end"]))
    active = await wait_status(deps.sessions, sub["id"], "active", within=40)
    assert active.period_index == 0 and active.current_period_start is not None
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    await record_first_run(
        temporal_client, sub["workflow_id"], "subscription-trial-at-psp-converted"
    )


async def test_cancel_right_after_the_201_of_a_trial(
    api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    plan = await create_plan(api, price=2500, trial_days=7)
    r = await subscribe(api, customer_id=customer(), plan_id=plan["id"], gateway="stripe")
    assert r.status_code == 201, r.text
    sub = r.json()
    cancelled = await api.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
    assert cancelled.status_code in (200, 202), cancelled.text
    done = await wait_status(deps.sessions, sub["id"], "cancelled", within=40)
    assert done.cancelled_at is not None
    psp = await sim_object(sim, "stripe", sub["gateway_subscription_id"])
    assert psp["status"] == "canceled"
    again = await api.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "the subscription is already cancelled"
    await record_history(
        temporal_client, sub["workflow_id"], "subscription-trial-cancelled-at-once"
    )


async def test_cancel_right_after_the_201_in_every_status(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    """pending_payment (Stripe and Razorpay), active (free), each cancelled at once."""
    paid = await create_plan(api, price=1500)
    inr = await create_plan(api, price=49900, currency="INR")
    free = await create_plan(api, price=0)
    for plan, gateway in ((paid, "stripe"), (inr, "razorpay"), (free, None)):
        r = await subscribe(api, customer_id=customer(), plan_id=plan["id"], gateway=gateway)
        assert r.status_code == 201, r.text
        sub = r.json()
        c = await api.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
        assert c.status_code in (200, 202), c.text
        assert "Error" not in c.text
        await wait_status(deps.sessions, sub["id"], "cancelled", within=40)


async def test_razorpay_renews_by_itself(api: httpx.AsyncClient, deps: Deps, sim: Any) -> None:
    plan = await create_plan(api, price=49900, currency="INR")
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="razorpay")
    assert r.status_code == 201, r.text
    sub = r.json()
    gsid = sub["gateway_subscription_id"]
    await pay_first(sim, "razorpay", gsid)
    await wait_status(deps.sessions, sub["id"], "active")
    for n in (1, 2, 3):
        await to_charge_at(sim, gsid)
        await period_index(deps, sub["id"], n)
        current = await row(deps.sessions, sub["id"])
        assert current.status == "active" and current.grace_until is None
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    psp = await sim_object(sim, "razorpay", gsid)
    assert psp["paid_count"] == 4 and psp["customer_id"].startswith("cust_")
