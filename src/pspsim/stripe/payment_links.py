"""Payment Links: reusable hosted links that never expire but can be deactivated.

Paying a link creates a Checkout Session that carries `payment_link` and the link's
`metadata`, and a PaymentIntent with `payment_intent_data[metadata]`, as Stripe does.
An inactive link cannot be paid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import checkout
from pspsim.stripe.errors import invalid, no_such
from pspsim.stripe.params import Params, metadata, opt_bool, opt_dict, opt_list, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

MAX_LINE_ITEMS = 20


def get(sim: Sim, link_id: str, param: str = "payment_link") -> Obj:
    link = sim.store.stripe.get(link_id)
    if link is None or link.get("object") != "payment_link":
        raise no_such("payment_link", link_id, param)
    return link


def _pi_data(raw: dict[str, Any]) -> dict[str, Any] | None:
    if not raw:
        return None
    return {
        "capture_method": opt_str(raw, "capture_method"),
        "description": opt_str(raw, "description"),
        "metadata": metadata(raw),
        "setup_future_usage": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "transfer_group": None,
    }


def _after_completion(raw: dict[str, Any]) -> dict[str, Any]:
    if raw.get("type") == "redirect":
        url = opt_dict(raw, "redirect").get("url")
        if not url:
            raise invalid(
                "Missing required param: after_completion[redirect][url].",
                param="after_completion[redirect][url]",
            )
        return {"redirect": {"url": url}, "type": "redirect"}
    return {"hosted_confirmation": {"custom_message": None}, "type": "hosted_confirmation"}


def create(sim: Sim, params: Params) -> Obj:
    raw_items = opt_list(params, "line_items")
    if not raw_items:
        raise invalid("Missing required param: line_items.", param="line_items")
    if len(raw_items) > MAX_LINE_ITEMS:
        raise invalid(f"You can have at most {MAX_LINE_ITEMS} line items.", param="line_items")
    items = checkout.line_items(sim, raw_items)
    _, currency_ = checkout.totals(items)
    link_id = sim.ids.stripe("plink")
    link: Obj = {
        "id": link_id,
        "object": "payment_link",
        "active": True,
        "after_completion": _after_completion(opt_dict(params, "after_completion")),
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
        "payment_intent_data": _pi_data(opt_dict(params, "payment_intent_data")),
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
    sim.store.stripe[link_id] = link
    return link


def update(sim: Sim, link_id: str, params: Params) -> Obj:
    link = get(sim, link_id)
    active = opt_bool(params, "active")
    if active is not None:
        link["active"] = active
    if "metadata" in params:
        link["metadata"] = metadata(params, link["metadata"])
    if "after_completion" in params:
        link["after_completion"] = _after_completion(opt_dict(params, "after_completion"))
    if "payment_intent_data" in params:
        link["payment_intent_data"] = _pi_data(opt_dict(params, "payment_intent_data"))
    if "inactive_message" in params:
        link["inactive_message"] = opt_str(params, "inactive_message")
    return link


def open_session(sim: Sim, link: Obj) -> Obj:
    """The Checkout Session a payer gets on opening the link; refused when inactive."""
    if not link["active"]:
        raise invalid(
            link.get("inactive_message") or "This payment link is no longer active.",
            code="payment_link_inactive",
        )
    pi_data = link["payment_intent_data"] or {}
    params: Params = {
        "mode": "payment",
        "line_items": [
            {"price": i["price"], "quantity": str(i["quantity"])} for i in link["_line_items"]
        ],
        "metadata": dict(link["metadata"]),
        "payment_intent_data": {
            "metadata": dict(pi_data.get("metadata") or {}),
            **(
                {"capture_method": pi_data["capture_method"]}
                if pi_data.get("capture_method")
                else {}
            ),
        },
    }
    redirect = link["after_completion"].get("redirect")
    if redirect:
        params["success_url"] = redirect["url"]
    return checkout.new_session(sim, params, payment_link=link["id"])
