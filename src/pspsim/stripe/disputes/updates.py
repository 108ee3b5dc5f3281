"""The merchant answering a dispute: `evidence` is saved, `submit` sends it to the bank
(`under_review`); every change sends `charge.dispute.updated` with its previous values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.disputes.evidence import posted_evidence
from pspsim.stripe.disputes.lookup import get
from pspsim.stripe.disputes.terms import OPEN, RESPONDABLE
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, metadata, opt_bool

if TYPE_CHECKING:
    from pspsim.state import Sim

ALLOWED_UPDATE = {"evidence", "metadata", "submit", "expand"}


def update(sim: Sim, dispute_id: str, params: Params) -> Obj:
    """`POST /v1/disputes/{id}`: save evidence, and with `submit` send it to the bank."""
    dispute = get(sim, dispute_id)
    evidence = posted_evidence(params)
    submit = opt_bool(params, "submit")
    if (evidence or submit) and dispute["status"] not in RESPONDABLE:
        raise invalid(
            f"This dispute is {dispute['status']} and can no longer be updated with evidence.",
            code="dispute_already_submitted"
            if dispute["status"] in OPEN
            else "charge_dispute_closed",
        )
    previous: dict[str, Any] = {}
    if evidence:
        previous["evidence"] = {k: dispute["evidence"][k] for k in evidence}
        dispute["evidence"].update(evidence)
        dispute["evidence_details"]["has_evidence"] = True
    if "metadata" in params:
        previous["metadata"] = dict(dispute["metadata"])
        dispute["metadata"] = metadata(params)
    if submit:
        previous["status"] = dispute["status"]
        dispute["status"] = dispute["status"].replace("needs_response", "under_review")
        dispute["evidence_details"]["submission_count"] += 1
        dispute["evidence_details"]["due_by"] = None
    if previous:
        events.emit(sim, "charge.dispute.updated", dispute, previous)
    return dispute
