"""Paying a link creates a Checkout Session that carries `payment_link` and the link's
`metadata`, and a PaymentIntent with `payment_intent_data[metadata]`, as Stripe does.
An inactive link cannot be paid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.checkout.creation import new_session
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params

if TYPE_CHECKING:
    from pspsim.state import Sim


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
    return new_session(sim, params, payment_link=link["id"])
