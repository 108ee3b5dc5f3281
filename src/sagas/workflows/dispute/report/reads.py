"""Copying a recorded dispute onto the saga's ``state``; the first read also upserts who the
dispute concerns. Workflow code: the upserts are commands in the history."""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.disputes.recorded import Recorded
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.dispute.messages.state import DisputeState


def record(st: DisputeState, rec: Recorded) -> None:
    """Copy a read onto the state; the first one also upserts who the dispute concerns."""
    first = st.dispute_id is None
    st.dispute_id, st.order_id = rec.dispute_id, rec.order_id
    st.amount_minor, st.currency = rec.amount_minor, rec.currency
    st.status, st.psp_status = rec.status, rec.psp_status
    st.evidence_due_by, st.evidence_submitted = rec.evidence_due_by, rec.evidence_submitted
    st.accepted, st.needs_review = rec.accepted, rec.needs_review
    st.stage = rec.status
    st.syncs += 1
    if first:
        updates: list[Any] = [
            sa.AMOUNT_MINOR.value_set(rec.amount_minor),
            sa.CURRENCY.value_set(rec.currency),
        ]
        if rec.order_id:
            updates.append(sa.ORDER_ID.value_set(rec.order_id))
        if rec.customer_id:
            updates.append(sa.CUSTOMER_ID.value_set(rec.customer_id))
        workflow.upsert_search_attributes(updates)
