"""Subscriptions: `incomplete` until the first invoice is paid, then `active`; a failed
renewal makes them `past_due` until an invoice is paid; cancel ends them at once.

Billing periods live on the items (`items.data[].current_period_*`), as in today's API;
the subscription itself carries none. Renewals are driven by the control API
(`/_sim/stripe/subscriptions/{id}/renew`), since a month cannot be compressed honestly.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.store import Obj
from pspsim.stripe import billing, events, subscription_updates
from pspsim.stripe.catalog import create_customer
from pspsim.stripe.catalog import get as get_catalog
from pspsim.stripe.errors import invalid, missing_param, no_such
from pspsim.stripe.params import Params, metadata, opt_int, opt_list, opt_str, req_str

if TYPE_CHECKING:
    from pspsim.state import Sim

BEHAVIOURS = (
    "default_incomplete",
    "allow_incomplete",
    "error_if_incomplete",
    "pending_if_incomplete",
)


def get(sim: Sim, sub_id: str, param: str = "subscription_exposed_id") -> Obj:
    sub = sim.store.stripe.get(sub_id)
    if sub is None or sub.get("object") != "subscription":
        raise no_such("subscription", sub_id, param)
    return sub


def add_interval(ts: int, interval: str, count: int) -> int:
    start = datetime.fromtimestamp(ts, UTC)
    if interval == "day":
        return int((start + timedelta(days=count)).timestamp())
    if interval == "week":
        return int((start + timedelta(weeks=count)).timestamp())
    months = count * (12 if interval == "year" else 1)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return int(start.replace(year=year, month=month, day=day).timestamp())


def _item(sim: Sim, sub_id: str, price: Obj, quantity: int, start: int) -> Obj:
    recurring = price["recurring"]
    return {
        "id": f"si_{sim.ids.token(14)}",
        "object": "subscription_item",
        "billing_thresholds": None,
        "created": start,
        "current_period_end": add_interval(
            start, recurring["interval"], recurring["interval_count"]
        ),
        "current_period_start": start,
        "discounts": [],
        "metadata": {},
        "price": dict(price),
        "quantity": quantity,
        "subscription": sub_id,
        "tax_rates": [],
    }


def new_subscription(
    sim: Sim, customer_id: str, prices: list[tuple[Obj, int]], meta: dict[str, str]
) -> Obj:
    """An `incomplete` subscription with its first open invoice."""
    start = now()
    sub_id = sim.ids.stripe("sub")
    items = [_item(sim, sub_id, price, qty, start) for price, qty in prices]
    sub: Obj = {
        "id": sub_id,
        "object": "subscription",
        "application": None,
        "application_fee_percent": None,
        "automatic_tax": {"disabled_reason": None, "enabled": False, "liability": None},
        "billing_cycle_anchor": start,
        "billing_cycle_anchor_config": None,
        "billing_mode": {"type": "flexible", "flexible": {"proration_discounts": "included"}},
        "billing_thresholds": None,
        "cancel_at": None,
        "cancel_at_period_end": False,
        "canceled_at": None,
        "cancellation_details": {"comment": None, "feedback": None, "reason": None},
        "collection_method": "charge_automatically",
        "created": start,
        "currency": prices[0][0]["currency"],
        "customer": customer_id,
        "days_until_due": None,
        "default_payment_method": None,
        "default_source": None,
        "default_tax_rates": [],
        "description": None,
        "discounts": [],
        "ended_at": None,
        "invoice_settings": {"account_tax_ids": None, "issuer": {"type": "self"}},
        "items": {
            "object": "list",
            "data": items,
            "has_more": False,
            "url": f"/v1/subscription_items?subscription={sub_id}",
        },
        "latest_invoice": None,
        "livemode": False,
        "metadata": meta,
        "next_pending_invoice_item_invoice": None,
        "on_behalf_of": None,
        "pause_collection": None,
        "payment_settings": {
            "payment_method_options": None,
            "payment_method_types": None,
            "save_default_payment_method": "off",
        },
        "pending_invoice_item_interval": None,
        "pending_setup_intent": None,
        "pending_update": None,
        "schedule": None,
        "start_date": start,
        "status": "incomplete",
        "test_clock": None,
        "transfer_data": None,
        "trial_end": None,
        "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
        "trial_start": None,
    }
    sim.store.stripe[sub_id] = sub
    invoice = billing.new_invoice(sim, sub, "subscription_create")
    sub["latest_invoice"] = invoice["id"]
    events.emit(sim, "customer.subscription.created", sub)
    return sub


def create(sim: Sim, params: Params) -> Obj:
    customer_id = req_str(params, "customer")
    get_catalog(sim, "customer", customer_id, "customer")
    raw_items = opt_list(params, "items")
    if not raw_items:
        raise missing_param("items")
    prices: list[tuple[Obj, int]] = []
    for i, entry in enumerate(raw_items):
        if not isinstance(entry, dict) or not entry.get("price"):
            raise missing_param(f"items[{i}][price]")
        price = get_catalog(sim, "price", str(entry["price"]), f"items[{i}][price]")
        if price["type"] != "recurring":
            raise invalid(
                "The price specified is set to `type=one_time` but this field only accepts "
                "prices with `type=recurring`.",
                param=f"items[{i}][price]",
            )
        prices.append((price, opt_int(entry, "quantity", label=f"items[{i}][quantity]") or 1))
    behaviour = opt_str(params, "payment_behavior") or "allow_incomplete"
    if behaviour not in BEHAVIOURS:
        raise invalid(f"Invalid payment_behavior: {behaviour}", param="payment_behavior")
    sub = new_subscription(sim, customer_id, prices, metadata(params))
    pm = opt_str(params, "default_payment_method")
    if pm and behaviour != "default_incomplete":
        sub["default_payment_method"] = pm
        invoice = sim.store.stripe[sub["latest_invoice"]]
        pi = sim.store.stripe[invoice["_payment_intent"]]
        from pspsim.stripe import payment_intents

        payment_intents.confirm_with(sim, pi, pm, raise_on_decline=False)
    return sub


def on_invoice(sim: Sim, invoice: Obj, *, paid: bool) -> None:
    """Move the subscription after one of its invoices was paid or failed."""
    sub_id = invoice["parent"]["subscription_details"]["subscription"]
    sub = sim.store.stripe[sub_id]
    if sub["status"] == "canceled":
        return
    before = sub["status"]
    if paid:
        sub["status"] = "active"
    elif before in ("active", "trialing"):
        sub["status"] = "past_due"
    renewal = invoice["billing_reason"] == "subscription_cycle"
    if sub["status"] != before or renewal:
        previous: dict[str, Any] = {"status": before} if sub["status"] != before else {}
        if renewal:
            previous["latest_invoice"] = sub.get("_previous_invoice")
        events.emit(sim, "customer.subscription.updated", sub, previous)


def renew(sim: Sim, sub: Obj, outcome: str) -> Obj | None:
    """Start the next period on every item, invoice it and try to pay it; a subscription
    set to cancel at the period's end is canceled instead (no invoice: None)."""
    if sub["status"] not in ("active", "past_due", "trialing"):
        raise invalid(f"Subscription is {sub['status']}; only live subscriptions renew.")
    if sub["cancel_at_period_end"]:
        subscription_updates.end_at_period_end(sim, sub)
        return None
    for item in sub["items"]["data"]:
        recurring = item["price"]["recurring"]
        item["current_period_start"] = item["current_period_end"]
        item["current_period_end"] = add_interval(
            item["current_period_end"], recurring["interval"], recurring["interval_count"]
        )
    sub["_previous_invoice"] = sub["latest_invoice"]
    invoice = billing.new_invoice(sim, sub, "subscription_cycle")
    sub["latest_invoice"] = invoice["id"]
    billing.pay(sim, invoice, outcome)
    return invoice


def cancel(sim: Sim, sub_id: str, params: Params | None = None) -> Obj:
    sub = get(sim, sub_id)
    if sub["status"] == "canceled":
        raise invalid(
            "A canceled subscription can only update its cancellation_details and metadata."
        )
    ts = now()
    sub.update(status="canceled", canceled_at=ts, ended_at=ts)
    sub["cancellation_details"]["reason"] = "cancellation_requested"
    events.emit(sim, "customer.subscription.deleted", sub)
    return sub


def complete_checkout(sim: Sim, session: Obj, outcome: str) -> Obj:
    """A subscription-mode Checkout Session paid by the payer: no subscription on decline."""
    if outcome != "succeed":
        return session
    customer_id = session["customer"]
    if not customer_id:
        email = session["customer_details"]["email"]
        customer_id = create_customer(sim, {"email": email})["id"]
        session["customer"] = customer_id
    prices = [(item["_price"], int(item["quantity"])) for item in session["_line_items"]]
    sub = new_subscription(sim, customer_id, prices, dict(session["_sub_metadata"]))
    invoice = sim.store.stripe[sub["latest_invoice"]]
    billing.pay(sim, invoice, "succeed")
    session.update(
        subscription=sub["id"], invoice=invoice["id"], status="complete", payment_status="paid"
    )
    events.emit(sim, "checkout.session.completed", session)
    return session
