"""How a Razorpay dispute ends: accepting an open one makes it `lost` at once; otherwise
the bank decides (a control call), `won` or `lost`. A lost dispute's amount is deducted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.razorpay.disputes.lookup import get
from pspsim.razorpay.disputes.terms import OPEN
from pspsim.razorpay.disputes.webhooks import notify
from pspsim.razorpay.errors import bad_request
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def accept(sim: Sim, dispute_id: str) -> Obj:
    """`POST /v1/disputes/{id}/accept`: the merchant concedes; the amount is deducted."""
    dispute = get(sim, dispute_id)
    if dispute["status"] != "open":
        raise bad_request(f"The dispute cannot be accepted in {dispute['status']} status.")
    return finish(sim, dispute, "lost")


def decide(sim: Sim, dispute_id: str, status: str) -> Obj:
    """The bank's decision (control call): `won` or `lost`."""
    dispute = get(sim, dispute_id)
    if dispute["status"] not in OPEN:
        raise bad_request(f"The dispute is already {dispute['status']}.")
    return finish(sim, dispute, status)


def finish(sim: Sim, dispute: Obj, status: str) -> Obj:
    dispute["status"] = status
    if status == "lost":
        dispute["amount_deducted"] = dispute["amount"]
    notify(sim, status, dispute)
    return dispute
