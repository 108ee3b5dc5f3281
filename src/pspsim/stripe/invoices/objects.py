"""A subscription invoice as Stripe renders it in today's shape (API 2026-10-28): the
subscription is under `parent.subscription_details.subscription` and payments under
`payments`; there is no `invoice.subscription`, `invoice.payment_intent` or `invoice.paid`,
so a handler written against the 2023 API fails here as it would in production. A plain
constructor: no events and no state change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def invoice_object(
    sim: Sim,
    invoice_id: str,
    sub: Obj,
    billing_reason: str,
    lines: list[Obj],
    total: int,
    ts: int,
    customer: Obj,
    pi: Obj | None,
) -> Obj:
    items = sub["items"]["data"]
    payments = (
        [
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
        ]
        if pi is not None
        else []
    )
    return {
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
        "confirmation_secret": {"client_secret": pi["client_secret"], "type": "payment_intent"}
        if pi is not None
        else None,
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
        "next_payment_attempt": ts if pi is not None else None,
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
            "data": payments,
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
        "_payment_intent": pi["id"] if pi is not None else None,
        "_retry_at": None,
        "_first_failed_at": None,
    }
