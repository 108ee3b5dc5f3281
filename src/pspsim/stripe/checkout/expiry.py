"""Expiring a session, on request or when `expires_at` passes: it never completes, and
its PaymentIntent, if the payer had started one, is canceled as `abandoned`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.checkout.lookup import get
from pspsim.stripe.errors import invalid
from pspsim.stripe.payment_intents.cancellation import CANCELABLE
from pspsim.stripe.payment_intents.cancellation import cancel as cancel_payment_intent

if TYPE_CHECKING:
    from pspsim.state import Sim


def expire(sim: Sim, session_id: str) -> Obj:
    session = get(sim, session_id)
    if session["status"] != "open":
        raise invalid(
            f'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout '
            f'Session has a status of "{session["status"]}".'
        )
    return expire_session(sim, session)


def expire_session(sim: Sim, session: Obj) -> Obj:
    session["status"] = "expired"
    session["url"] = None
    pi_id = session.get("payment_intent")
    if pi_id:
        pi = sim.store.stripe[pi_id]
        if pi["status"] in CANCELABLE:
            cancel_payment_intent(sim, pi_id, {"cancellation_reason": "abandoned"}, by_owner=True)
    events.emit(sim, "checkout.session.expired", session)
    return session
