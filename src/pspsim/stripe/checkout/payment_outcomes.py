"""How a session follows its PaymentIntent: completion sets `payment_status`; a
delayed-notification method later sends `checkout.session.async_payment_*`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events, followers

if TYPE_CHECKING:
    from pspsim.state import Sim


def on_payment_outcome(sim: Sim, pi: Obj) -> None:
    """Called by the PaymentIntent whenever its status moves."""
    session = sim.store.stripe.get(pi["_checkout_session"])
    if session is None or session["status"] == "expired":
        return
    status = pi["status"]
    if session["status"] == "open" and status in ("succeeded", "requires_capture", "processing"):
        session["status"] = "complete"
        session["payment_status"] = "paid" if status == "succeeded" else "unpaid"
        session["_async_pending"] = status == "processing"
        events.emit(sim, "checkout.session.completed", session)
    elif session["status"] == "complete" and session.get("_async_pending"):
        # Only delayed-notification methods get the async_payment_* events.
        if status == "succeeded":
            session.update(payment_status="paid", _async_pending=False)
            events.emit(sim, "checkout.session.async_payment_succeeded", session)
        elif status == "requires_payment_method":
            session["_async_pending"] = False
            events.emit(sim, "checkout.session.async_payment_failed", session)
    elif session["status"] == "complete" and status == "succeeded":
        session["payment_status"] = "paid"  # a manual capture of the authorized amount


followers.follow_payments("_checkout_session", on_payment_outcome)
