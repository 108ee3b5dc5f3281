"""The payer paying through a Payment Link: a new Checkout Session, paid at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.control.stripe.checkout import pay_session
from pspsim.stripe.payment_links import lookup, sessions

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


def pay_link(sim: Sim, link_id: str, data: dict[str, Any]) -> dict[str, Any]:
    link = lookup.get(sim, link_id)
    result = outcome(data, ("succeed", "decline", "processing"))
    session = sessions.open_session(sim, link)
    answer = pay_session(sim, session["id"], {"outcome": result, "email": data.get("email")})
    pi = answer["payment_intent"]
    return {
        **answer,
        "payment_link": link_id,
        "checkout_session_id": session["id"],
        "payment_intent_id": pi["id"] if pi else None,
    }


@router.post("/payment_links/{link_id}/pay")
async def pay_payment_link(request: Request, link_id: str) -> Response:
    return await control(request, lambda sim, data: pay_link(sim, link_id, data))
