"""A Payment Link's page: the link's total, paid through a new Checkout Session; an
inactive link shows its `inactive_message` (410)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.stripe.payment_links import pay_link
from pspsim.pages.handling import ACTION_OUTCOME, guard, read_action
from pspsim.pages.markup import form, page, result_page
from pspsim.stripe.payment_links.lookup import get as get_payment_link

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


@router.get("/stripe/payment_link/{link_id}")
async def link_page(request: Request, link_id: str) -> Response:
    def show(sim: Sim) -> Response:
        link = get_payment_link(sim, link_id)
        if not link["active"]:
            msg = link["inactive_message"] or "This link is no longer active."
            return page("Payment link", f"<p>{html.escape(msg)}</p>", 410)
        total = 0
        for item in link["_line_items"]:
            total += sim.store.stripe[item["price"]]["unit_amount"] * item["quantity"]
        return page("Payment link", form(total, link["currency"]))

    return guard(show)(request)


@router.post("/stripe/payment_link/{link_id}")
async def link_act(request: Request, link_id: str) -> Response:
    action = await read_action(request)

    def act(sim: Sim) -> Response:
        if action == "abandon":
            return result_page("Payment abandoned", {"payment_link": link_id})
        result = pay_link(sim, link_id, {"outcome": ACTION_OUTCOME[action]})
        return result_page(f"Payment {result['checkout_session']['status']}", result)

    return guard(act)(request)
