"""Control calls on a Checkout Session: the payer paying or abandoning it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.store import render
from pspsim.stripe.checkout import expiry, paying
from pspsim.stripe.checkout import lookup as session_lookup

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


def pay_session(sim: Sim, session_id: str, data: dict[str, Any]) -> dict[str, Any]:
    session = session_lookup.get(sim, session_id)
    result = outcome(data, ("succeed", "decline", "processing"))
    paying.pay(sim, session, result, data.get("email"))
    return {
        "checkout_session": render(session),
        "payment_intent": render(sim.store.stripe[session["payment_intent"]])
        if session["payment_intent"]
        else None,
        "subscription": session.get("subscription"),
    }


@router.post("/checkout/sessions/{session_id}/pay")
async def pay_checkout_session(request: Request, session_id: str) -> Response:
    return await control(request, lambda sim, data: pay_session(sim, session_id, data))


@router.post("/checkout/sessions/{session_id}/expire")
async def expire_checkout_session(request: Request, session_id: str) -> Response:
    """The payer abandoning: the session expires now instead of at `expires_at`."""
    return await control(request, lambda sim, data: render(expiry.expire(sim, session_id)))
