"""Copying the PSP's word onto a dispute's row, noting what changed."""

from __future__ import annotations

from datetime import datetime

from sagas.db.models.disputes import Dispute
from sagas.domain.disputes import (
    DisputeStatus,
    PspDispute,
)


def _follow(row: Dispute, psp: PspDispute, now: datetime, changes: list[str]) -> None:
    """Copy the PSP's word onto the row; note what changed. A final row stays final."""
    if DisputeStatus(row.status).final:
        return
    if psp.status.value != row.status:
        if psp.status is DisputeStatus.NEEDS_RESPONSE:  # back from review: answer again
            row.evidence_submitted_at = None
        row.status = psp.status.value
        changes.append(psp.status.value)
        if psp.status.final:
            row.closed_at = now
    if psp.evidence_submitted and row.evidence_submitted_at is None:
        row.evidence_submitted_at = now
        changes.append("evidence_submitted")
    if psp.evidence_due_by != row.evidence_due_by and psp.evidence_due_by is not None:
        row.evidence_due_by = psp.evidence_due_by
        changes.append("due_by")
    row.psp_status = psp.raw_status
    row.updated_at = now
