"""The Checkout Session object as Stripe renders it, with the simulator's private fields
(`_line_items`, what the PaymentIntent and subscription made on payment will carry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.params import Params, metadata, opt_dict, opt_list, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim


def session_object(
    sim: Sim,
    params: Params,
    items: list[Obj],
    *,
    amount: int,
    currency_: str,
    mode: str,
    created: int,
    expires_at: int,
    payment_link: str | None,
) -> Obj:
    pi_data = opt_dict(params, "payment_intent_data")
    sub_data = opt_dict(params, "subscription_data")
    session_id = f"cs_test_{sim.ids.token(58)}"
    return {
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


def customer_details(email: str) -> Obj:
    """What the hosted page collected from the (simulated) payer."""
    return {
        "address": None,
        "email": email,
        "name": "Sim Payer",
        "phone": None,
        "tax_exempt": "none",
        "tax_ids": [],
    }
