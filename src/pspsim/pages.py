"""Hosted payer pages: what a person sees at a Checkout Session's or Payment Link's `url`,
a 3D Secure challenge, or Razorpay Checkout. Each shows the amount and offers Pay,
Decline and Abandon; the buttons post back here and act exactly as the control API does.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from pspsim.control import razorpay as rzp_control
from pspsim.control import stripe as stripe_control
from pspsim.control.common import ControlError
from pspsim.razorpay import orders, subscriptions
from pspsim.razorpay.errors import RazorpayError
from pspsim.stripe import checkout, payment_intents, payment_links
from pspsim.stripe.errors import StripeError

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter(prefix="/pay")

_STYLE = (
    "body{font-family:sans-serif;max-width:28rem;margin:3rem auto}"
    "button{margin-right:.5rem;padding:.5rem 1rem}.amount{font-size:2rem}"
)


def _money(amount: int, currency: str) -> str:
    return f"{amount / 100:.2f} {currency.upper()}"


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    doc = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(doc, status_code=status)


def _form(amount: int, currency: str, note: str = "") -> str:
    buttons = "".join(
        f"<button name='action' value='{a}'>{a.title()}</button>"
        for a in ("pay", "decline", "abandon")
    )
    return (
        f"<p class='amount'>{_money(amount, currency)}</p><p>{html.escape(note)}</p>"
        f"<form method='post'>{buttons}</form>"
    )


def _result(title: str, data: Any, link: str | None = None) -> HTMLResponse:
    back = f"<p><a href='{html.escape(link)}'>Return to the merchant</a></p>" if link else ""
    return _page(title, f"{back}<pre id='result'>{html.escape(repr(data))}</pre>")


async def _action(request: Request) -> str:
    fields = dict(parse_qsl((await request.body()).decode()))
    return fields.get("action", "")


def _guard(render_fn: Callable[[Sim], Response]) -> Callable[[Request], Response]:
    def inner(request: Request) -> Response:
        try:
            return render_fn(request.app.state.sim)
        except (StripeError, RazorpayError, ControlError) as err:
            return _page("Cannot continue", f"<p>{html.escape(str(err))}</p>", 400)

    return inner


ACTION_OUTCOME = {"pay": "succeed", "decline": "decline"}


@router.get("/stripe/checkout/{session_id}")
async def checkout_page(request: Request, session_id: str) -> Response:
    def show(sim: Sim) -> Response:
        s = checkout.get(sim, session_id)
        if s["status"] != "open":
            return _page("Checkout", f"<p>This session is {s['status']}.</p>")
        return _page("Checkout", _form(s["amount_total"], s["currency"], s["mode"]))

    return _guard(show)(request)


@router.post("/stripe/checkout/{session_id}")
async def checkout_act(request: Request, session_id: str) -> Response:
    action = await _action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            checkout.expire(sim, session_id)
            return _result("Checkout abandoned", {"session": session_id, "status": "expired"})
        result = stripe_control.pay_session(sim, session_id, {"outcome": ACTION_OUTCOME[action]})
        session = result["checkout_session"]
        url = session.get("success_url") if session["status"] == "complete" else None
        url = url.replace("{CHECKOUT_SESSION_ID}", session_id) if url else None
        return _result(f"Checkout {session['status']}", result, url)

    return _guard(act)(request)


@router.get("/stripe/payment_link/{link_id}")
async def link_page(request: Request, link_id: str) -> Response:
    def show(sim: Sim) -> Response:
        link = payment_links.get(sim, link_id)
        if not link["active"]:
            msg = link["inactive_message"] or "This link is no longer active."
            return _page("Payment link", f"<p>{html.escape(msg)}</p>", 410)
        total = 0
        for item in link["_line_items"]:
            total += sim.store.stripe[item["price"]]["unit_amount"] * item["quantity"]
        return _page("Payment link", _form(total, link["currency"]))

    return _guard(show)(request)


@router.post("/stripe/payment_link/{link_id}")
async def link_act(request: Request, link_id: str) -> Response:
    action = await _action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return _result("Payment abandoned", {"payment_link": link_id})
        result = stripe_control.pay_link(sim, link_id, {"outcome": ACTION_OUTCOME[action]})
        return _result(f"Payment {result['checkout_session']['status']}", result)

    return _guard(act)(request)


@router.get("/stripe/payment_intent/{pi_id}")
async def intent_page(request: Request, pi_id: str) -> Response:
    def show(sim: Sim) -> Response:
        pi = payment_intents.get(sim, pi_id)
        note = "Authenticate this payment" if pi["status"] == "requires_action" else pi["status"]
        return _page("Payment", _form(pi["amount"], pi["currency"], note))

    return _guard(show)(request)


@router.post("/stripe/payment_intent/{pi_id}")
async def intent_act(request: Request, pi_id: str) -> Response:
    action = await _action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return _result("Payment abandoned", {"payment_intent": pi_id})
        pi = stripe_control.pay_intent(sim, pi_id, {"outcome": ACTION_OUTCOME[action]})
        return _result(f"Payment {pi['status']}", pi, pi.get("_return_url"))

    return _guard(act)(request)


@router.get("/razorpay/order/{order_id}")
async def order_page(request: Request, order_id: str) -> Response:
    def show(sim: Sim) -> Response:
        order = orders.get(sim, order_id)
        if order["status"] == "paid":
            return _page("Razorpay Checkout", "<p>This order is already paid.</p>")
        return _page("Razorpay Checkout", _form(order["amount_due"], order["currency"]))

    return _guard(show)(request)


@router.post("/razorpay/order/{order_id}")
async def order_act(request: Request, order_id: str) -> Response:
    action = await _action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return _result("Payment abandoned", {"razorpay_order_id": order_id})
        data = {"outcome": ACTION_OUTCOME[action], "capture": "auto"}
        return _result("Razorpay Checkout", rzp_control.pay_order(sim, order_id, data))

    return _guard(act)(request)


@router.get("/razorpay/subscription/{sub_id}")
async def subscription_page(request: Request, sub_id: str) -> Response:
    def show(sim: Sim) -> Response:
        sub = subscriptions.get(sim, sub_id)
        plan = subscriptions.get_plan(sim, sub["plan_id"])
        amount = plan["item"]["amount"] * sub["quantity"]
        return _page("Razorpay Subscription", _form(amount, plan["item"]["currency"]))

    return _guard(show)(request)


@router.post("/razorpay/subscription/{sub_id}")
async def subscription_act(request: Request, sub_id: str) -> Response:
    action = await _action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return _result("Subscription abandoned", {"razorpay_subscription_id": sub_id})
        sub = subscriptions.get(sim, sub_id)
        payment = subscriptions.authenticate_and_charge(sim, sub, action == "pay")
        return _result("Razorpay Subscription", {"subscription": sub_id, "payment": payment})

    return _guard(act)(request)
