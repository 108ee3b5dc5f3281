"""A Checkout Session's hosted page: pay, decline, or abandon (which expires it); a
completed session links back to its `success_url`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.stripe.checkout import pay_session
from pspsim.pages.handling import ACTION_OUTCOME, guard, read_action
from pspsim.pages.markup import form, page, result_page
from pspsim.stripe.checkout import expiry
from pspsim.stripe.checkout import lookup as session_lookup

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/stripe/checkout/{session_id}")
async def checkout_page(request: Request, session_id: str) -> Response:
    def show(sim: Sim) -> Response:
        s = session_lookup.get(sim, session_id)
        if s["status"] != "open":
            return page("Checkout", f"<p>This session is {s['status']}.</p>")
        return page("Checkout", form(s["amount_total"], s["currency"], s["mode"]))

    return guard(show)(request)


@router.post("/stripe/checkout/{session_id}")
async def checkout_act(request: Request, session_id: str) -> Response:
    action = await read_action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            expiry.expire(sim, session_id)
            return result_page("Checkout abandoned", {"session": session_id, "status": "expired"})
        result = pay_session(sim, session_id, {"outcome": ACTION_OUTCOME[action]})
        session = result["checkout_session"]
        url = session.get("success_url") if session["status"] == "complete" else None
        url = url.replace("{CHECKOUT_SESSION_ID}", session_id) if url else None
        return result_page(f"Checkout {session['status']}", result, url)

    return guard(act)(request)
