"""The stage reporter: one call per stage change, for operators in the Temporal UI.

It upserts ``SagaStage`` and ``NeedsAttention`` (after any of the saga's own ``first``
attributes, e.g. ``SagaKind``) and sets the current-details line. The upsert is a command
in the history, so a saga reports exactly where it always did.
"""

from __future__ import annotations

from collections.abc import Sequence

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate

with workflow.unsafe.imports_passed_through():
    from sagas.temporal import search_attributes as sa


def report_stage(
    stage: str,
    *,
    needs_attention: bool,
    details: str,
    first: Sequence[SearchAttributeUpdate] = (),
) -> None:
    workflow.upsert_search_attributes(
        [*first, *sa.stage_attributes(stage, needs_attention=needs_attention)]
    )
    workflow.set_current_details(details)
