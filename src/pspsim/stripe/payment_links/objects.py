"""A new Payment Link as Stripe renders it, with the line items it sells kept privately."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.params import Params, metadata, opt_dict, opt_str
from pspsim.stripe.payment_links.settings import after_completion, pi_data

if TYPE_CHECKING:
    from pspsim.state import Sim


def link_object(sim: Sim, link_id: str, params: Params, currency_: str, items: list[Obj]) -> Obj:
    return {
        "id": link_id,
        "object": "payment_link",
        "active": True,
        "after_completion": after_completion(opt_dict(params, "after_completion")),
        "allow_promotion_codes": False,
        "application": None,
        "application_fee_amount": None,
        "application_fee_percent": None,
        "automatic_tax": {"enabled": False, "liability": None},
        "billing_address_collection": "auto",
        "consent_collection": None,
        "currency": currency_,
        "custom_fields": [],
        "custom_text": {
            "after_submit": None,
            "shipping_address": None,
            "submit": None,
            "terms_of_service_acceptance": None,
        },
        "customer_creation": "if_required",
        "inactive_message": opt_str(params, "inactive_message"),
        "invoice_creation": None,
        "livemode": False,
        "metadata": metadata(params),
        "on_behalf_of": None,
        "payment_intent_data": pi_data(opt_dict(params, "payment_intent_data")),
        "payment_method_collection": "always",
        "payment_method_types": None,
        "phone_number_collection": {"enabled": False},
        "restrictions": None,
        "shipping_address_collection": None,
        "shipping_options": [],
        "submit_type": "auto",
        "subscription_data": None,
        "tax_id_collection": {"enabled": False, "required": "never"},
        "transfer_data": None,
        "url": sim.page_url(f"/pay/stripe/payment_link/{link_id}"),
        "_line_items": [{"price": i["price"], "quantity": i["quantity"]} for i in items],
    }
