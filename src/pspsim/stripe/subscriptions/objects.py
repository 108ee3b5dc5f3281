"""A subscription and its items as Stripe renders them: plain constructors, no events
and no state change, so the flow modules beside it keep only the flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def subscription_item(
    sim: Sim, sub_id: str, price: Obj, quantity: int, start: int, end: int | None
) -> Obj:
    recurring = price["recurring"]
    if end is None:
        end = sim.clock.add_interval(start, recurring["interval"], recurring["interval_count"])
    return {
        "id": f"si_{sim.ids.token(14)}",
        "object": "subscription_item",
        "billing_thresholds": None,
        "created": start,
        "current_period_end": end,
        "current_period_start": start,
        "discounts": [],
        "metadata": {},
        "price": dict(price),
        "quantity": quantity,
        "subscription": sub_id,
        "tax_rates": [],
    }


def subscription_object(
    sub_id: str,
    customer_id: str,
    items: list[Obj],
    meta: dict[str, str],
    *,
    start: int,
    currency: str,
    trial_end: int | None,
    save_default: str,
) -> Obj:
    """An ``incomplete`` subscription (``trialing`` until ``trial_end``), not yet stored."""
    return {
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
        "currency": currency,
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
            "save_default_payment_method": save_default,
        },
        "pending_invoice_item_interval": None,
        "pending_setup_intent": None,
        "pending_update": None,
        "schedule": None,
        "start_date": start,
        "status": "incomplete" if trial_end is None else "trialing",
        "test_clock": None,
        "transfer_data": None,
        "trial_end": trial_end,
        "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
        "trial_start": start if trial_end is not None else None,
    }
