"""The payer paying a PaymentIntent, or passing or failing its 3D Secure challenge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.control.common import control, outcome
from pspsim.store import render
from pspsim.stripe.cards import OUTCOME_CARDS, TEST_CARDS
from pspsim.stripe.confirmation.confirming import confirm_with
from pspsim.stripe.confirmation.decline import decline
from pspsim.stripe.confirmation.success import succeed
from pspsim.stripe.payment_intents.lookup import get as get_payment_intent

if TYPE_CHECKING:
    from pspsim.state import Sim

router = APIRouter()


PI_OUTCOMES = ("succeed", "decline", "processing", "authenticate")


def pay_intent(sim: Sim, pi_id: str, data: dict[str, Any]) -> dict[str, Any]:
    pi = get_payment_intent(sim, pi_id)
    result = outcome(data, PI_OUTCOMES)
    if pi["status"] == "requires_action":
        # The payer completing (or failing) 3D Secure on the hosted page.
        if result == "succeed":
            succeed(sim, pi)
        else:
            card = TEST_CARDS["pm_card_chargeDeclined"]
            decline(sim, pi, card, raise_on_decline=False)
    else:
        confirm_with(sim, pi, OUTCOME_CARDS[result], raise_on_decline=False, outcome=result)
    return render(pi)


@router.post("/payment_intents/{pi_id}/pay")
async def pay_payment_intent(request: Request, pi_id: str) -> Response:
    return await control(request, lambda sim, data: pay_intent(sim, pi_id, data))
