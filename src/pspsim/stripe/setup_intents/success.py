"""A SetupIntent that succeeded leaves a PaymentMethod attached to its customer; when it
is a subscription's `pending_setup_intent` (a trial that collects the card up front) the
method becomes the subscription's default, as `save_default_payment_method=on_subscription`
asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events

if TYPE_CHECKING:
    from pspsim.state import Sim


def succeed(sim: Sim, si: Obj) -> Obj:
    """The method is saved: attached to the customer, and the subscription's default
    when this SetupIntent is that subscription's `pending_setup_intent`."""
    si.update(status="succeeded", next_action=None)
    events.emit(sim, "setup_intent.succeeded", si)
    sub_id = si.get("_subscription")
    sub = sim.store.stripe.get(sub_id) if sub_id else None
    if sub is not None and sub.get("pending_setup_intent") == si["id"]:
        previous = {
            "default_payment_method": sub["default_payment_method"],
            "pending_setup_intent": si["id"],
        }
        if sub["payment_settings"]["save_default_payment_method"] == "on_subscription":
            sub["default_payment_method"] = si["payment_method"]
        sub["pending_setup_intent"] = None
        events.emit(sim, "customer.subscription.updated", sub, previous)
    return si
