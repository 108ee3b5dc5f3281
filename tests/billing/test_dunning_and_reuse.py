"""CONTRACT 12 on both gateways, the PSP billing by itself: cards that stop working and
are fixed or never fixed, authentication abandoned, a Razorpay trial converting, and one
PSP customer per customer. No per-renewal control call: renewals and the PSP's retries
happen when a test moves the simulator's clock; the payer's card behaviour is set on
their PSP customer.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select

from sagas.db.models.customers import PspCustomer
from sagas.deps import Deps
from tests.billing.helpers import (
    active,
    advance_days,
    advance_to,
    card,
    control,
    to_charge_at,
    to_period_end,
)
from tests.checkout.helpers import body, create, make_product
from tests.conftest import SERVICE
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

pytestmark = [pytest.mark.usefixtures("worker"), pytest.mark.timeout(180)]


async def test_a_card_never_fixed_is_cancelled_at_the_psp_and_here(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    """Stripe retries the invoice on its own schedule, then cancels the subscription."""
    cus = customer()
    sub_id, gsid, plan = await active(api, deps, sim, cus)
    await card(sim, "stripe", gsid, "decline")
    await to_period_end(sim, gsid)
    await wait_status(deps.sessions, sub_id, "past_due", within=40)
    assert await entitled_plans(deps.sessions, cus) == [plan]  # within the grace
    await advance_days(sim, 8)  # Stripe's retries (days 1, 3, 5, 7) all decline
    assert (await sim_object(sim, "stripe", gsid))["status"] == "canceled"
    done = await wait_status(deps.sessions, sub_id, "cancelled", within=40)
    assert done.status_reason and "cancelled at the PSP" in done.status_reason
    assert done.cancelled_at is not None and done.period_index == 0
    assert await entitled_plans(deps.sessions, cus) == []


async def test_razorpay_card_never_fixed_is_cancelled_by_our_dunning(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    """Razorpay halts, never cancels: our dunning runs out and cancels it there too."""
    cus = customer()
    sub_id, gsid, plan = await active(api, deps, sim, cus, gateway="razorpay")
    await card(sim, "razorpay", gsid, "decline")
    await to_charge_at(sim, gsid)
    past_due = await wait_status(deps.sessions, sub_id, "past_due", within=40)
    assert past_due.grace_until is not None
    assert await entitled_plans(deps.sessions, cus) == [plan]
    done = await wait_status(deps.sessions, sub_id, "cancelled", within=150)
    assert done.status_reason == "renewal unpaid after dunning"
    assert (await sim_object(sim, "razorpay", gsid))["status"] == "cancelled"
    assert await entitled_plans(deps.sessions, cus) == []


async def test_razorpay_declining_card_fixed_recovers_on_razorpays_retry(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    cus = customer()
    sub_id, gsid, plan = await active(api, deps, sim, cus, gateway="razorpay")
    await card(sim, "razorpay", gsid, "decline")
    await to_charge_at(sim, gsid)
    await wait_status(deps.sessions, sub_id, "past_due", within=40)
    assert await entitled_plans(deps.sessions, cus) == [plan]
    await card(sim, "razorpay", gsid, "succeed")
    await advance_days(sim, 1)  # Razorpay's own retry, a day later
    back = await wait_status(deps.sessions, sub_id, "active", within=40)
    assert back.period_index == 1 and back.grace_until is None
    assert (await sim_object(sim, "razorpay", gsid))["paid_count"] == 2


async def test_a_renewal_whose_authentication_is_abandoned_ends_unentitled(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    cus = customer()
    sub_id, gsid, _ = await active(api, deps, sim, cus)
    await card(sim, "stripe", gsid, "authenticate")
    await to_period_end(sim, gsid)
    past_due = await wait_status(deps.sessions, sub_id, "past_due", within=40)
    assert past_due.status_reason == "renewal needs the payer's authentication"
    # The payer never opens the hosted invoice page; Stripe's retries need them too.
    await advance_days(sim, 8)
    done = await wait_status(deps.sessions, sub_id, "cancelled", within=40)
    assert await entitled_plans(deps.sessions, cus) == []
    r = await api.get(f"/v1/subscriptions/{sub_id}", headers=SERVICE)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert "hosted_invoice_url" not in r.json()["payer"]  # nothing left to pay
    assert "hosted_invoice_url" not in (done.payer_details or {})


async def test_razorpay_trial_converts_with_no_payer_action(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    plan = await create_plan(api, price=49900, currency="INR", trial_days=7)
    cus = customer()
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway="razorpay")
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["status"] == "trialing" and sub["payer"]["short_url"]
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    gsid = sub["gateway_subscription_id"]
    await pay_first(sim, "razorpay", gsid)  # the payer authenticates the card at sign-up
    psp = await sim_object(sim, "razorpay", gsid)
    assert psp["status"] == "authenticated" and psp["paid_count"] == 0
    await advance_to(sim, int(psp["start_at"]))  # the trial ends: Razorpay charges by itself
    converted = await wait_status(deps.sessions, sub["id"], "active", within=40)
    assert converted.period_index == 0 and converted.current_period_start is not None
    assert await entitled_plans(deps.sessions, cus) == [plan["id"]]
    assert (await sim_object(sim, "razorpay", gsid))["paid_count"] == 1


async def test_razorpay_second_subscription_and_checkout_reuse_one_customer(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    cus = customer()
    _, gsid, _ = await active(api, deps, sim, cus, gateway="razorpay")
    first = (await sim_object(sim, "razorpay", gsid))["customer_id"]
    other = await create_plan(api, price=29900, currency="INR")
    r = await subscribe(api, customer_id=cus, plan_id=other["id"], gateway="razorpay")
    assert r.status_code == 201, r.text
    second = await sim_object(sim, "razorpay", r.json()["gateway_subscription_id"])
    assert second["customer_id"] == first
    product = await make_product(deps, price=70000, currency="INR")
    made = await create(api, body(product, customer_id=cus, gateway="razorpay", flow="order"))
    assert made.status_code == 201, made.text
    async with deps.sessions() as session:
        rows = (
            (await session.execute(select(PspCustomer).where(PspCustomer.customer_id == cus)))
            .scalars()
            .all()
        )
    assert [(c.gateway, c.gateway_customer_id) for c in rows] == [("razorpay", first)]
    everything = await control(sim, "GET", "objects")
    made_for_cus = [
        o["id"]
        for o in everything["razorpay"]
        if o.get("entity") == "customer" and (o.get("notes") or {}).get("customer_id") == cus
    ]
    assert made_for_cus == [first]


async def test_cancel_right_after_the_201_of_a_razorpay_trial(
    api: httpx.AsyncClient, deps: Deps, sim: Any
) -> None:
    plan = await create_plan(api, price=49900, currency="INR", trial_days=7)
    r = await subscribe(api, customer_id=customer(), plan_id=plan["id"], gateway="razorpay")
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["status"] == "trialing"
    c = await api.post(f"/v1/subscriptions/{sub['id']}/cancel", json={}, headers=SERVICE)
    assert c.status_code in (200, 202), c.text
    done = await wait_status(deps.sessions, sub["id"], "cancelled", within=40)
    assert done.cancelled_at is not None
    psp = await sim_object(sim, "razorpay", sub["gateway_subscription_id"])
    assert psp["status"] == "cancelled"
    assert (await row(deps.sessions, sub["id"])).status == "cancelled"
