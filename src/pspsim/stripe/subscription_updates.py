"""`POST /v1/subscriptions/{id}` and what a scheduled cancellation does at the period end.

Stripe semantics: `cancel_at_period_end=true` keeps the subscription `active` (and
billing nothing more) until the current period ends, sets `cancel_at` to that end and
`canceled_at` to the time of the request; `false` takes the schedule back. At the period
end the subscription becomes `canceled` with `customer.subscription.deleted`, and no
renewal invoice is made. The simulator cannot see time pass (a saga's clock may be
skipped), so the period end is the renew control call (`/_sim/stripe/subscriptions/{id}/
renew`), which ends such a subscription instead of renewing it.

A canceled subscription accepts only `metadata` and `cancellation_details`, as Stripe's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.clock import now
from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.cards import TEST_CARDS
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, metadata, opt_bool, opt_dict, opt_str

if TYPE_CHECKING:
    from pspsim.state import Sim

#: What `POST /v1/subscriptions/{id}` takes here (a subset of Stripe's own list).
ALLOWED = {
    "cancel_at_period_end",
    "cancellation_details",
    "default_payment_method",
    "description",
    "expand",
    "metadata",
    "proration_behavior",
}
WHEN_CANCELED = {"metadata", "cancellation_details"}
FEEDBACK = {
    "customer_service",
    "low_quality",
    "missing_features",
    "other",
    "switched_service",
    "too_complex",
    "too_expensive",
    "unused",
}
PRORATION = {"always_invoice", "create_prorations", "none"}


def period_end(sub: Obj) -> int:
    return int(min(item["current_period_end"] for item in sub["items"]["data"]))


def _checked_details(params: Params) -> dict[str, Any]:
    details = opt_dict(params, "cancellation_details")
    for key, value in details.items():
        if key not in ("comment", "feedback"):
            raise invalid(
                f"Received unknown parameter: cancellation_details[{key}]",
                param=f"cancellation_details[{key}]",
                code="parameter_unknown",
            )
        if key == "feedback" and value not in FEEDBACK and value != "":
            raise invalid(
                f"Invalid cancellation_details[feedback]: must be one of {sorted(FEEDBACK)}",
                param="cancellation_details[feedback]",
            )
    return details


def _schedule(sub: Obj, flag: bool, previous: dict[str, Any]) -> None:
    if flag == sub["cancel_at_period_end"]:
        return
    previous.update(
        cancel_at_period_end=sub["cancel_at_period_end"],
        cancel_at=sub["cancel_at"],
        canceled_at=sub["canceled_at"],
        cancellation_details=dict(sub["cancellation_details"]),
    )
    reason = "cancellation_requested" if flag else None
    sub.update(
        cancel_at_period_end=flag,
        cancel_at=period_end(sub) if flag else None,
        canceled_at=now() if flag else None,
    )
    sub["cancellation_details"]["reason"] = reason


def _payment_method(sim: Sim, pm: str) -> None:
    stored = sim.store.stripe.get(pm)
    if pm not in TEST_CARDS and (stored is None or stored.get("object") != "payment_method"):
        raise invalid(
            f"No such PaymentMethod: '{pm}'",
            param="default_payment_method",
            code="resource_missing",
        )


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
        _payment_method(sim, pm)
    behaviour = opt_str(params, "proration_behavior")
    if behaviour is not None and behaviour not in PRORATION:
        raise invalid(
            f"Invalid proration_behavior: must be one of {sorted(PRORATION)}",
            param="proration_behavior",
        )
    flag = opt_bool(params, "cancel_at_period_end")
    details = _checked_details(params)

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
        _schedule(sub, flag, previous)
    current = sub["cancellation_details"]
    before = dict(current)
    for key, value in details.items():
        current[key] = value or None
    if current != before:
        previous.setdefault("cancellation_details", before)
    if previous:
        events.emit(sim, "customer.subscription.updated", sub, previous)
    return sub


def end_at_period_end(sim: Sim, sub: Obj) -> Obj:
    """The period a scheduled cancellation waited for has ended: cancel, bill nothing."""
    sub.update(status="canceled", ended_at=period_end(sub))
    sub["cancellation_details"]["reason"] = "cancellation_requested"
    events.emit(sim, "customer.subscription.deleted", sub)
    return sub
