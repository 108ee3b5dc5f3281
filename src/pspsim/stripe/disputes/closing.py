"""How a dispute ends: the merchant closes (accepts) it, `lost`, or the network decides
by a control call: `won` reinstates the amount (a second balance transaction and
`charge.dispute.funds_reinstated`), `lost` keeps it withdrawn; both send `charge.dispute.closed`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.disputes.balance import balance_transaction
from pspsim.stripe.disputes.lookup import get
from pspsim.stripe.disputes.terms import OPEN, RESPONDABLE
from pspsim.stripe.errors import invalid

if TYPE_CHECKING:
    from pspsim.state import Sim


def close(sim: Sim, dispute_id: str) -> Obj:
    """`POST /v1/disputes/{id}/close`: the merchant accepts the dispute; it is lost."""
    dispute = get(sim, dispute_id)
    if dispute["status"] not in RESPONDABLE:
        raise invalid(
            f"This dispute is {dispute['status']}; only a dispute awaiting a response "
            "can be closed.",
            code="charge_dispute_closed" if dispute["status"] not in OPEN else None,
        )
    return _finish(sim, dispute, "lost")


def decide(sim: Sim, dispute_id: str, status: str) -> Obj:
    """The network's decision (control call): `won` or `lost`, from any open status."""
    dispute = get(sim, dispute_id)
    if dispute["status"] not in OPEN:
        raise invalid(f"Dispute {dispute_id} is already {dispute['status']}.")
    return _finish(sim, dispute, status)


def _finish(sim: Sim, dispute: Obj, status: str) -> Obj:
    previous = {"status": dispute["status"]}
    warning = dispute["status"].startswith("warning_")
    dispute["status"] = "warning_closed" if warning else status
    dispute["evidence_details"]["due_by"] = None
    dispute["is_charge_refundable"] = False
    events.emit(sim, "charge.dispute.closed", dispute, previous)
    if dispute["status"] == "won":
        dispute["balance_transactions"].append(balance_transaction(sim, dispute, +1))
        events.emit(sim, "charge.dispute.funds_reinstated", dispute)
    return dispute
