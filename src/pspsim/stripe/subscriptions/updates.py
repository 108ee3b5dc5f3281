"""`POST /v1/subscriptions/{id}`: every parameter is checked, then applied;
`customer.subscription.updated` if anything changed (a refused update changes nothing).
A canceled subscription accepts only `metadata` and `cancellation_details`, as Stripe's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, metadata, opt_bool, opt_str
from pspsim.stripe.subscriptions.cancellation_details import checked_details
from pspsim.stripe.subscriptions.payment_method_check import check_payment_method
from pspsim.stripe.subscriptions.scheduled_cancellation import schedule

if TYPE_CHECKING:
    from pspsim.state import Sim


WHEN_CANCELED = {"metadata", "cancellation_details"}


PRORATION = {"always_invoice", "create_prorations", "none"}


def update(sim: Sim, sub: Obj, params: Params) -> Obj:
    """Check every parameter, then apply them; emit `customer.subscription.updated` if
    anything changed (a refused update changes nothing)."""
    if sub["status"] == "canceled" and set(params) - WHEN_CANCELED:
        raise invalid(
            "A canceled subscription can only update its cancellation_details and metadata."
        )
    merged = metadata(params, sub["metadata"]) if "metadata" in params else sub["metadata"]
    description = opt_str(params, "description") if "description" in params else None
    pm = opt_str(params, "default_payment_method")
    if pm is not None:
        check_payment_method(sim, pm)
    behaviour = opt_str(params, "proration_behavior")
    if behaviour is not None and behaviour not in PRORATION:
        raise invalid(
            f"Invalid proration_behavior: must be one of {sorted(PRORATION)}",
            param="proration_behavior",
        )
    flag = opt_bool(params, "cancel_at_period_end")
    details = checked_details(params)

    previous: dict[str, Any] = {}
    if merged != sub["metadata"]:
        previous["metadata"] = dict(sub["metadata"])
        sub["metadata"] = merged
    if "description" in params and description != sub["description"]:
        previous["description"] = sub["description"]
        sub["description"] = description
    if pm is not None and pm != sub["default_payment_method"]:
        previous["default_payment_method"] = sub["default_payment_method"]
        sub["default_payment_method"] = pm
    if flag is not None:
        schedule(sim, sub, flag, previous)
    current = sub["cancellation_details"]
    before = dict(current)
    for key, value in details.items():
        current[key] = value or None
    if current != before:
        previous.setdefault("cancellation_details", before)
    if previous:
        events.emit(sim, "customer.subscription.updated", sub, previous)
    return sub
