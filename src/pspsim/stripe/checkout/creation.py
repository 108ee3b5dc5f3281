"""`POST /v1/checkout/sessions` (and a Payment Link's): an `open` session that expires by
itself at `expires_at`; its PaymentIntent is made when the payer submits, as today's API."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.checkout.expiry import expire_session
from pspsim.stripe.checkout.expiry_window import expires_at as checked_expiry
from pspsim.stripe.checkout.modes import session_items, session_mode
from pspsim.stripe.checkout.objects import session_object
from pspsim.stripe.params import Params

if TYPE_CHECKING:
    from pspsim.state import Sim


def new_session(sim: Sim, params: Params, *, payment_link: str | None = None) -> Obj:
    # A session lives on the wall clock (its expiry is a real timer, the merchant's
    # `expires_at` is real time); only billing follows the simulator's test clock.
    created = int(time.time())
    expires_at = checked_expiry(params, created)
    mode = session_mode(params)
    items, amount, currency_ = session_items(sim, params, mode)
    session = session_object(
        sim,
        params,
        items,
        amount=amount,
        currency_=currency_,
        mode=mode,
        created=created,
        expires_at=expires_at,
        payment_link=payment_link,
    )
    sim.store.stripe[session["id"]] = session

    async def expire_on_time() -> None:
        if session["status"] == "open":
            expire_session(sim, session)

    sim.timers.after(max(0, expires_at - created), expire_on_time)
    return session


def create(sim: Sim, params: Params) -> Obj:
    return new_session(sim, params)
