"""Checkout Sessions: hosted payment pages with a hard expiry window.

`expires_at` must lie 30 minutes to 24 hours after creation (the limit whose absence in
an earlier mock stranded real orders). The PaymentIntent is created when the payer
submits, as in today's API; completion sets `payment_status`, an expired session
cancels its PaymentIntent and never completes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.store import Obj
from pspsim.stripe import events, payment_intents
from pspsim.stripe.cards import OUTCOME_CARDS
from pspsim.stripe.catalog import get as get_catalog
from pspsim.stripe.catalog import new_price
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.params import Params, metadata, opt_dict, opt_int, opt_list, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

MIN_EXPIRY_S = 30 * 60
MAX_EXPIRY_S = 24 * 3600
MAX_LINE_ITEMS = 100


def get(sim: Sim, session_id: str, param: str = "session") -> Obj:
    session = sim.store.stripe.get(session_id)
    if session is None or session.get("object") != "checkout.session":
        raise no_such("checkout.session", session_id, param)
    return session


def line_items(sim: Sim, raw: list[Any], prefix: str = "line_items") -> list[Obj]:
    """Resolve `line_items[i][price]` or `[price_data]` into priced items."""
    items: list[Obj] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            raise invalid("Invalid line item", param=f"{prefix}[{i}]")
        quantity = opt_int(entry, "quantity", label=f"{prefix}[{i}][quantity]") or 1
        if entry.get("price"):
            price = get_catalog(sim, "price", str(entry["price"]), f"{prefix}[{i}][price]")
        elif entry.get("price_data"):
            price = new_price(sim, opt_dict(entry, "price_data"), f"{prefix}[{i}][price_data]")
        else:
            raise invalid(
                "You must specify either `price` or `price_data`.", param=f"{prefix}[{i}]"
            )
        items.append({"price": price["id"], "quantity": quantity, "_price": price})
    return items


def totals(items: list[Obj]) -> tuple[int, str]:
    currencies = {item["_price"]["currency"] for item in items}
    if len(currencies) > 1:
        raise invalid("All line items must use the same currency.", param="line_items")
    amount = sum(int(item["_price"]["unit_amount"]) * int(item["quantity"]) for item in items)
    return amount, currencies.pop()


def new_session(sim: Sim, params: Params, *, payment_link: str | None = None) -> Obj:
    created = now()
    expires_at = opt_int(params, "expires_at")
    if expires_at is None:
        expires_at = created + MAX_EXPIRY_S
    elif not created + MIN_EXPIRY_S <= expires_at <= created + MAX_EXPIRY_S:
        raise invalid(
            "The `expires_at` timestamp must be at least 30 minutes and at most 24 hours "
            "after Checkout Session creation.",
            param="expires_at",
        )
    mode = opt_str(params, "mode") or "payment"
    if mode not in ("payment", "subscription"):
        raise invalid(f"Invalid mode: {mode}", param="mode")
    raw_items = opt_list(params, "line_items")
    if not raw_items:
        raise invalid("You must provide at least one line item.", param="line_items")
    if len(raw_items) > MAX_LINE_ITEMS:
        raise invalid(f"You can have at most {MAX_LINE_ITEMS} line items.", param="line_items")
    items = line_items(sim, raw_items)
    recurring = [i for i in items if i["_price"]["type"] == "recurring"]
    if mode == "subscription" and not recurring:
        raise invalid(
            "You must specify at least one recurring price in `subscription` mode.",
            param="line_items",
        )
    if mode == "payment" and recurring:
        raise invalid("You must use `subscription` mode for recurring prices.", param="line_items")
    amount, currency_ = totals(items)
    pi_data = opt_dict(params, "payment_intent_data")
    sub_data = opt_dict(params, "subscription_data")
    session_id = f"cs_test_{sim.ids.token(58)}"
    session: Obj = {
        "id": session_id,
        "object": "checkout.session",
        "adaptive_pricing": None,
        "after_expiration": None,
        "allow_promotion_codes": None,
        "amount_subtotal": amount,
        "amount_total": amount,
        "automatic_tax": {"enabled": False, "liability": None, "status": None},
        "billing_address_collection": None,
        "cancel_url": opt_str(params, "cancel_url"),
        "client_reference_id": opt_str(params, "client_reference_id"),
        "client_secret": None,
        "collected_information": None,
        "consent": None,
        "consent_collection": None,
        "created": created,
        "currency": currency_,
        "currency_conversion": None,
        "custom_fields": [],
        "custom_text": {
            "after_submit": None,
            "shipping_address": None,
            "submit": None,
            "terms_of_service_acceptance": None,
        },
        "customer": opt_str(params, "customer"),
        "customer_creation": "if_required" if mode == "payment" else None,
        "customer_details": None,
        "customer_email": opt_str(params, "customer_email"),
        "discounts": [],
        "expires_at": expires_at,
        "invoice": None,
        "invoice_creation": None,
        "livemode": False,
        "locale": None,
        "metadata": metadata(params),
        "mode": mode,
        "payment_intent": None,
        "payment_link": payment_link,
        "payment_method_collection": "if_required" if mode == "subscription" else None,
        "payment_method_configuration_details": None,
        "payment_method_options": {},
        "payment_method_types": opt_list(params, "payment_method_types") or ["card"],
        "payment_status": "unpaid",
        "phone_number_collection": {"enabled": False},
        "recovered_from": None,
        "setup_intent": None,
        "shipping_address_collection": None,
        "shipping_cost": None,
        "shipping_options": [],
        "status": "open",
        "submit_type": None,
        "subscription": None,
        "success_url": opt_str(params, "success_url"),
        "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        "ui_mode": opt_str(params, "ui_mode") or "hosted",
        "url": sim.page_url(f"/pay/stripe/checkout/{session_id}"),
        "_line_items": items,
        "_pi_metadata": metadata(pi_data) if pi_data else {},
        "_capture_method": opt_str(pi_data, "capture_method") if pi_data else None,
        "_pi_description": opt_str(pi_data, "description") if pi_data else None,
        "_sub_metadata": metadata(sub_data) if sub_data else {},
    }
    sim.store.stripe[session_id] = session

    async def expire_on_time() -> None:
        if session["status"] == "open":
            expire_session(sim, session)

    sim.timers.after(max(0, expires_at - created), expire_on_time)
    return session


def create(sim: Sim, params: Params) -> Obj:
    return new_session(sim, params)


def expire(sim: Sim, session_id: str) -> Obj:
    session = get(sim, session_id)
    if session["status"] != "open":
        raise invalid(
            f'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout '
            f'Session has a status of "{session["status"]}".'
        )
    return expire_session(sim, session)


def expire_session(sim: Sim, session: Obj) -> Obj:
    session["status"] = "expired"
    session["url"] = None
    pi_id = session.get("payment_intent")
    if pi_id:
        pi = sim.store.stripe[pi_id]
        if pi["status"] in payment_intents.CANCELABLE:
            payment_intents.cancel(sim, pi_id, {"cancellation_reason": "abandoned"}, by_owner=True)
    events.emit(sim, "checkout.session.expired", session)
    return session


def pay(sim: Sim, session: Obj, outcome: str, email: str | None = None) -> Obj:
    """A payer submitting the hosted page with a card that gives `outcome`."""
    if session["status"] != "open":
        raise invalid(f"This Checkout Session is {session['status']} and cannot be paid.")
    session["customer_details"] = {
        "address": None,
        "email": email or session.get("customer_email") or "payer@example.com",
        "name": "Sim Payer",
        "phone": None,
        "tax_exempt": "none",
        "tax_ids": [],
    }
    if session["mode"] == "subscription":
        from pspsim.stripe import subscriptions  # checkout completes into a subscription

        return subscriptions.complete_checkout(sim, session, outcome)
    pi_id = session.get("payment_intent")
    if pi_id:
        pi = sim.store.stripe[pi_id]
    else:
        pi = payment_intents.new(
            sim,
            amount=session["amount_total"],
            currency_=session["currency"],
            meta=dict(session["_pi_metadata"]),
            capture_method=session["_capture_method"],
            customer=session["customer"],
            description=session["_pi_description"],
            checkout_session=session["id"],
        )
        session["payment_intent"] = pi["id"]
    payment_intents.confirm_with(
        sim, pi, OUTCOME_CARDS[outcome], raise_on_decline=False, outcome=outcome
    )
    return session


def on_payment_outcome(sim: Sim, pi: Obj) -> None:
    """Called by the PaymentIntent whenever its status moves."""
    session = sim.store.stripe.get(pi["_checkout_session"])
    if session is None or session["status"] == "expired":
        return
    status = pi["status"]
    if session["status"] == "open" and status in ("succeeded", "requires_capture", "processing"):
        session["status"] = "complete"
        session["payment_status"] = "paid" if status == "succeeded" else "unpaid"
        session["_async_pending"] = status == "processing"
        events.emit(sim, "checkout.session.completed", session)
    elif session["status"] == "complete" and session.get("_async_pending"):
        # Only delayed-notification methods get the async_payment_* events.
        if status == "succeeded":
            session.update(payment_status="paid", _async_pending=False)
            events.emit(sim, "checkout.session.async_payment_succeeded", session)
        elif status == "requires_payment_method":
            session["_async_pending"] = False
            events.emit(sim, "checkout.session.async_payment_failed", session)
    elif session["status"] == "complete" and status == "succeeded":
        session["payment_status"] = "paid"  # a manual capture of the authorized amount
