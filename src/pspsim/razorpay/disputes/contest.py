"""`PATCH /v1/disputes/{id}/contest`: evidence saved as a draft, or submitted, which
moves an `open` dispute to `under_review`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.disputes.lookup import get
from pspsim.razorpay.disputes.terms import CONTEST_FIELDS, PROOFS, SUMMARY_MAX
from pspsim.razorpay.disputes.webhooks import notify
from pspsim.razorpay.errors import bad_request
from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim


def contest(sim: Sim, dispute_id: str, params: dict[str, Any]) -> Obj:
    """`PATCH /v1/disputes/{id}/contest`: save evidence (`draft`) or `submit` it."""
    dispute = get(sim, dispute_id)
    unknown = sorted(set(params) - CONTEST_FIELDS)
    if unknown:
        raise bad_request(f"{unknown[0]} is/are not required and should not be sent", unknown[0])
    if dispute["status"] != "open":
        raise bad_request(f"The dispute cannot be contested in {dispute['status']} status.")
    action = params.get("action", "draft")
    if action not in ("draft", "submit"):
        raise bad_request("The selected action is invalid.", "action")
    summary = params.get("summary")
    if summary is not None and (not isinstance(summary, str) or len(summary) > SUMMARY_MAX):
        raise bad_request(f"The summary may not be greater than {SUMMARY_MAX} characters.")
    amount = params.get("amount", dispute["amount"])
    if isinstance(amount, bool) or not isinstance(amount, int) or amount > dispute["amount"]:
        raise bad_request("The amount must not exceed the disputed amount.", "amount")
    evidence = dispute["evidence"]
    evidence["amount"] = amount
    for name in ("summary", "others", *PROOFS):
        if name in params:
            evidence[name] = params[name]
    if action == "submit":
        if not evidence["summary"]:
            raise bad_request("The summary field is required when action is submit.", "summary")
        evidence["submitted_at"] = sim.clock.now()
        dispute["status"] = "under_review"
        notify(sim, "under_review", dispute)
    return dispute
