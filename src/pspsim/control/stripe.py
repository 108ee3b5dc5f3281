"""Control calls that act as a Stripe payer or as Stripe's own clock."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import ControlError, control, outcome
from pspsim.store import render
from pspsim.stripe import (
    billing,
    catalog,
    checkout,
    payment_intents,
    payment_links,
    refunds,
    subscriptions,
)
from pspsim.stripe.cards import OUTCOME_CARDS

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter(prefix="/_sim/stripe")
PI_OUTCOMES = ("succeed", "decline", "processing", "authenticate")


def pay_intent(sim: Sim, pi_id: str, data: dict[str, Any]) -> dict[str, Any]:
    pi = payment_intents.get(sim, pi_id)
    result = outcome(data, PI_OUTCOMES)
    if pi["status"] == "requires_action":
        # The payer completing (or failing) 3D Secure on the hosted page.
        if result == "succeed":
            payment_intents.succeed(sim, pi)
        else:
            card = payment_intents.TEST_CARDS["pm_card_chargeDeclined"]
            payment_intents.decline(sim, pi, card, raise_on_decline=False)
    else:
        payment_intents.confirm_with(
            sim, pi, OUTCOME_CARDS[result], raise_on_decline=False, outcome=result
        )
    return render(pi)


@router.post("/payment_intents/{pi_id}/pay")
async def pay_payment_intent(request: Request, pi_id: str) -> Response:
    return await control(request, lambda sim, data: pay_intent(sim, pi_id, data))


@router.post("/payment_intents/{pi_id}/settle")
async def settle_payment_intent(request: Request, pi_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        pi = payment_intents.get(sim, pi_id)
        return render(payment_intents.settle_processing(sim, pi, outcome(data)))

    return await control(request, act)


def pay_session(sim: Sim, session_id: str, data: dict[str, Any]) -> dict[str, Any]:
    session = checkout.get(sim, session_id)
    result = outcome(data, ("succeed", "decline", "processing"))
    checkout.pay(sim, session, result, data.get("email"))
    return {
        "checkout_session": render(session),
        "payment_intent": render(sim.store.stripe[session["payment_intent"]])
        if session["payment_intent"]
        else None,
        "subscription": session.get("subscription"),
    }


@router.post("/checkout/sessions/{session_id}/pay")
async def pay_checkout_session(request: Request, session_id: str) -> Response:
    return await control(request, lambda sim, data: pay_session(sim, session_id, data))


@router.post("/checkout/sessions/{session_id}/expire")
async def expire_checkout_session(request: Request, session_id: str) -> Response:
    """The payer abandoning: the session expires now instead of at `expires_at`."""
    return await control(request, lambda sim, data: render(checkout.expire(sim, session_id)))


def pay_link(sim: Sim, link_id: str, data: dict[str, Any]) -> dict[str, Any]:
    link = payment_links.get(sim, link_id)
    result = outcome(data, ("succeed", "decline", "processing"))
    session = payment_links.open_session(sim, link)
    answer = pay_session(sim, session["id"], {"outcome": result, "email": data.get("email")})
    pi = answer["payment_intent"]
    return {
        **answer,
        "payment_link": link_id,
        "checkout_session_id": session["id"],
        "payment_intent_id": pi["id"] if pi else None,
    }


@router.post("/payment_links/{link_id}/pay")
async def pay_payment_link(request: Request, link_id: str) -> Response:
    return await control(request, lambda sim, data: pay_link(sim, link_id, data))


@router.post("/refunds/{refund_id}/settle")
async def settle_refund(request: Request, refund_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        refund = refunds.get(sim, refund_id)
        return render(refunds.settle(sim, refund, outcome(data, ("succeed", "decline"))))

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/pay_first_invoice")
async def pay_first_invoice(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = subscriptions.get(sim, sub_id)
        if sub["status"] != "incomplete":
            raise ControlError(f"subscription is {sub['status']}, not incomplete")
        invoice = billing.pay(sim, billing.get(sim, sub["latest_invoice"]), outcome(data))
        return {"subscription": render(sub), "invoice": render(invoice)}

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/renew")
async def renew_subscription(request: Request, sub_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        sub = subscriptions.get(sim, sub_id)
        invoice = subscriptions.renew(sim, sub, outcome(data))
        # None: the subscription was set to cancel at this period's end, and now has.
        return {"subscription": render(sub), "invoice": render(invoice) if invoice else None}

    return await control(request, act)


@router.post("/subscriptions/{sub_id}/cancel")
async def cancel_subscription(request: Request, sub_id: str) -> Response:
    return await control(request, lambda sim, data: render(subscriptions.cancel(sim, sub_id)))


@router.post("/invoices/{invoice_id}/pay")
async def pay_invoice(request: Request, invoice_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        invoice = billing.pay(sim, billing.get(sim, invoice_id), outcome(data))
        sub_id = invoice["parent"]["subscription_details"]["subscription"]
        return {"invoice": render(invoice), "subscription": render(sim.store.stripe[sub_id])}

    return await control(request, act)


@router.put("/customers/{customer_id}/default_payment_method")
async def set_default_payment_method(request: Request, customer_id: str) -> Response:
    """The payer putting a card on file (`{"outcome"}` picks one that succeeds or is
    declined): what `POST /v1/invoices/{id}/pay` charges from now on."""

    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        customer = catalog.get(sim, "customer", customer_id, "customer")
        card = OUTCOME_CARDS[outcome(data, PI_OUTCOMES)]
        customer["invoice_settings"]["default_payment_method"] = card
        return render(customer)

    return await control(request, act)


@router.get("/objects/{object_id}")
async def read_object(request: Request, object_id: str) -> Response:
    def act(sim: Sim, data: dict[str, Any]) -> dict[str, Any]:
        obj = sim.store.stripe.get(object_id)
        if obj is None:
            raise ControlError(f"no object {object_id}", 404)
        return render(obj)

    return await control(request, act)
