"""What operators see of a dispute saga: the recorded dispute copied onto its ``state``,
``NeedsAttention`` while an answer (or a review) is due, and the search attributes and
UI details that go with it. Workflow code: the upserts are commands in the history."""

from __future__ import annotations

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.dispute.messages.state import DisputeState
    from sagas.workflows.operator.actions import OperatorActionKind
    from sagas.workflows.operator.attention import Attention
from sagas.workflows.dispute.report.reason import attention_reason


def report(st: DisputeState, read_failure: str | None) -> None:
    """Set or clear ``NeedsAttention``, upsert the stage and the evidence deadline (while
    an answer is due), and the current details."""
    reason = attention_reason(st, read_failure)
    if reason is None:
        st.attention = Attention(last_action=st.attention.last_action)
    elif st.attention.reason != reason:
        st.attention = Attention(
            needed=True,
            reason=reason,
            since=workflow.now(),
            allowed_actions=[OperatorActionKind.RESOLVE],
            last_action=st.attention.last_action,
        )
    due = st.evidence_due_by if st.answering else None
    workflow.upsert_search_attributes(
        [
            *sa.stage_attributes(st.stage, needs_attention=st.attention.needed),
            sa.EVIDENCE_DUE_BY.value_set(due) if due else sa.EVIDENCE_DUE_BY.value_unset(),
        ]
    )
    workflow.set_current_details(st.details())
