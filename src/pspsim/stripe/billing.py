"""Invoices in today's shape (API 2026-10-28): the subscription is under
`parent.subscription_details.subscription` and payments under `payments`; there is no
`invoice.subscription`, `invoice.payment_intent` or `invoice.paid`, so a handler written
against the 2023 API fails here as it would in production.

Each invoice is paid through a PaymentIntent it owns; that PaymentIntent's outcome drives
`invoice.paid` / `invoice.payment_failed` and the subscription's status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.clock import now
from pspsim.store import Obj
from pspsim.stripe import events, payment_intents
from pspsim.stripe.cards import OUTCOME_CARDS
from pspsim.stripe.errors import invalid, no_such

if TYPE_CHECKING:
    from pspsim.state import Sim

#: Stripe retries a failed renewal; the simulator reports the next attempt a day later.
RETRY_AFTER_S = 24 * 3600


def get(sim: Sim, invoice_id: str, param: str = "invoice") -> Obj:
    invoice = sim.store.stripe.get(invoice_id)
    if invoice is None or invoice.get("object") != "invoice":
        raise no_such("invoice", invoice_id, param)
    return invoice


def _line(sim: Sim, invoice_id: str, sub: Obj, item: Obj) -> Obj:
    price = item["price"]
    amount = int(price["unit_amount"]) * int(item["quantity"])
    return {
        "id": sim.ids.stripe("il"),
        "object": "line_item",
        "amount": amount,
        "currency": price["currency"],
        "description": f"{item['quantity']} x subscription",
        "discount_amounts": [],
        "discountable": True,
        "discounts": [],
        "invoice": invoice_id,
        "livemode": False,
        "metadata": {},
        "parent": {
            "invoice_item_details": None,
            "subscription_item_details": {
                "invoice_item": None,
                "proration": False,
                "proration_details": {"credited_items": None},
                "subscription": sub["id"],
                "subscription_item": item["id"],
            },
            "type": "subscription_item_details",
        },
        "period": {"start": item["current_period_start"], "end": item["current_period_end"]},
        "pretax_credit_amounts": [],
        "pricing": {
            "price_details": {"price": price["id"], "product": price["product"]},
            "type": "price_details",
            "unit_amount_decimal": str(price["unit_amount"]),
        },
        "quantity": item["quantity"],
        "subtotal": amount,
        "taxes": [],
    }


def new_invoice(sim: Sim, sub: Obj, billing_reason: str) -> Obj:
    """An open invoice for the subscription's current period, with its PaymentIntent."""
    invoice_id = sim.ids.stripe("in")
    items = sub["items"]["data"]
    lines = [_line(sim, invoice_id, sub, item) for item in items]
    total = sum(line["amount"] for line in lines)
    ts = now()
    customer = sim.store.stripe.get(sub["customer"], {})
    pi = payment_intents.new(
        sim,
        amount=max(total, payment_intents.MIN_AMOUNT),
        currency_=sub["currency"],
        meta={},
        customer=sub["customer"],
        description="Subscription update"
        if billing_reason != "subscription_create"
        else "Subscription creation",
    )
    pi["_invoice"] = invoice_id
    invoice: Obj = {
        "id": invoice_id,
        "object": "invoice",
        "account_country": "US",
        "account_name": "Sagas Simulator",
        "account_tax_ids": None,
        "amount_due": total,
        "amount_overpaid": 0,
        "amount_paid": 0,
        "amount_remaining": total,
        "amount_shipping": 0,
        "application": None,
        "attempt_count": 0,
        "attempted": False,
        "auto_advance": True,
        "automatic_tax": {"enabled": False, "liability": None, "status": None},
        "automatically_finalizes_at": None,
        "billing_reason": billing_reason,
        "collection_method": sub["collection_method"],
        "confirmation_secret": {"client_secret": pi["client_secret"], "type": "payment_intent"},
        "created": ts,
        "currency": sub["currency"],
        "custom_fields": None,
        "customer": sub["customer"],
        "customer_address": None,
        "customer_email": customer.get("email"),
        "customer_name": customer.get("name"),
        "customer_phone": None,
        "customer_shipping": None,
        "customer_tax_exempt": "none",
        "customer_tax_ids": [],
        "default_payment_method": None,
        "default_source": None,
        "default_tax_rates": [],
        "description": None,
        "discounts": [],
        "due_date": None,
        "effective_at": ts,
        "ending_balance": 0,
        "footer": None,
        "from_invoice": None,
        "hosted_invoice_url": sim.page_url(f"/pay/stripe/invoice/{invoice_id}"),
        "invoice_pdf": None,
        "issuer": {"type": "self"},
        "last_finalization_error": None,
        "latest_revision": None,
        "lines": {
            "object": "list",
            "data": lines,
            "has_more": False,
            "url": f"/v1/invoices/{invoice_id}/lines",
        },
        "livemode": False,
        "metadata": {},
        "next_payment_attempt": ts,
        "number": f"SIM-{len(sim.store.stripe):06d}",
        "on_behalf_of": None,
        "parent": {
            "quote_details": None,
            "subscription_details": {
                "metadata": dict(sub["metadata"]),
                "subscription": sub["id"],
            },
            "type": "subscription_details",
        },
        "payment_settings": {
            "default_mandate": None,
            "payment_method_options": None,
            "payment_method_types": None,
        },
        "payments": {
            "object": "list",
            "data": [
                {
                    "id": sim.ids.stripe("inpay"),
                    "object": "invoice_payment",
                    "amount_paid": None,
                    "amount_requested": total,
                    "created": ts,
                    "currency": sub["currency"],
                    "invoice": invoice_id,
                    "is_default": True,
                    "livemode": False,
                    "payment": {"payment_intent": pi["id"], "type": "payment_intent"},
                    "status": "open",
                    "status_transitions": {"canceled_at": None, "paid_at": None},
                }
            ],
            "has_more": False,
            "url": "/v1/invoice_payments",
        },
        "period_end": items[0]["current_period_end"],
        "period_start": items[0]["current_period_start"],
        "post_payment_credit_notes_amount": 0,
        "pre_payment_credit_notes_amount": 0,
        "receipt_number": None,
        "rendering": None,
        "shipping_cost": None,
        "shipping_details": None,
        "starting_balance": 0,
        "statement_descriptor": None,
        "status": "open",
        "status_transitions": {
            "finalized_at": ts,
            "marked_uncollectible_at": None,
            "paid_at": None,
            "voided_at": None,
        },
        "subtotal": total,
        "subtotal_excluding_tax": total,
        "test_clock": None,
        "total": total,
        "total_discount_amounts": [],
        "total_excluding_tax": total,
        "total_pretax_credit_amounts": [],
        "total_taxes": [],
        "webhooks_delivered_at": ts,
        "_payment_intent": pi["id"],
    }
    sim.store.stripe[invoice_id] = invoice
    events.emit(sim, "invoice.created", invoice)
    events.emit(sim, "invoice.finalized", invoice)
    return invoice


def pay(sim: Sim, invoice: Obj, outcome: str) -> Obj:
    """Attempt payment of an open invoice with a card giving `outcome` (succeed|fail)."""
    if invoice["status"] != "open":
        raise invalid(f"Invoice is {invoice['status']}, only open invoices can be paid.")
    pi = sim.store.stripe[invoice["_payment_intent"]]
    card = OUTCOME_CARDS["succeed" if outcome == "succeed" else "decline"]
    payment_intents.confirm_with(sim, pi, card, raise_on_decline=False)
    return invoice


def on_invoice_payment_outcome(sim: Sim, pi: Obj) -> None:
    """Follow the invoice's PaymentIntent: mark the invoice, then move the subscription."""
    from pspsim.stripe import subscriptions  # subscriptions import this module

    invoice = sim.store.stripe[pi["_invoice"]]
    ts = now()
    invoice["attempted"] = True
    invoice["attempt_count"] += 1
    payment = invoice["payments"]["data"][0]
    if pi["status"] == "succeeded":
        invoice.update(
            status="paid",
            amount_paid=invoice["amount_due"],
            amount_remaining=0,
            next_payment_attempt=None,
        )
        invoice["status_transitions"]["paid_at"] = ts
        payment.update(status="paid", amount_paid=invoice["amount_due"])
        payment["status_transitions"]["paid_at"] = ts
        events.emit(sim, "invoice.paid", invoice)
        events.emit(sim, "invoice.payment_succeeded", invoice)
        subscriptions.on_invoice(sim, invoice, paid=True)
    elif pi["status"] == "requires_payment_method":
        invoice["next_payment_attempt"] = ts + RETRY_AFTER_S
        events.emit(sim, "invoice.payment_failed", invoice)
        subscriptions.on_invoice(sim, invoice, paid=False)
