"""Why a dispute saga needs an operator now: a failed read, a review, or an answer due."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.workflows.dispute.messages.state import DisputeState


def attention_reason(st: DisputeState, read_failure: str | None) -> str | None:
    """Why an operator is needed now, or None."""
    if read_failure:
        return read_failure
    if st.awaiting_review:
        return (
            f"dispute for a payment we do not know ({st.gateway} "
            f"{st.gateway_dispute_id}): review it"
        )
    if st.answering:
        due = st.evidence_due_by.isoformat() if st.evidence_due_by else "unknown"
        return f"evidence due by {due}: submit evidence or accept the dispute"
    return None
