"""DisputeWorkflow: one per PSP dispute, from the first webhook to the bank's decision.

Input :class:`DisputeInput`; id ``dispute-<gateway>-<dispute id>``. The webhook pipeline
starts it or signals it (signal-with-start with ``psp_event``), so the first event of a
dispute, a duplicate and a reordered one all land here.

1. Read the dispute at the PSP and record it (``dispute.sync``): the webhook is only a
   hint. The record marks the order ``disputed``, writes the ledger when funds are
   withdrawn or reinstated, and emits the ``dispute.*`` / ``order.*`` events.
2. While the dispute awaits an answer, ``NeedsAttention`` is set, the evidence deadline is
   in the UI details and the ``EvidenceDueBy`` search attribute, until evidence is
   submitted or the dispute accepted. A dispute for a payment we do not know is recorded
   and flagged for review (``NeedsAttention`` until an operator ``resolve``\\ s it).
3. Wait for ``psp_event`` signals (deduped by event id), the ``submit_evidence`` and
   ``accept`` updates (the disputes API sends them), or the re-read interval (shorter
   near the evidence deadline), then read again. A PSP that cannot be read keeps the
   saga waiting with ``NeedsAttention``; it retries at each interval.
4. Final: ``won`` (the order got its status back) ends it; ``lost`` (the order is
   ``charged_back``) first revokes the order's fulfilment, as its own retried step.

It continues-as-new every ``MAX_ROUNDS`` reads, carrying the events it has seen. Query
``state``; search attributes SagaKind=dispute, SagaStage (the dispute's status),
NeedsAttention, EvidenceDueBy, OrderId, CustomerId, Gateway, GatewayObjectId (the PSP's
dispute id), AmountMinor, Currency.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable
from datetime import timedelta

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.dispute_models import (
        AcceptInput,
        DisputeRead,
        DisputeRef,
        EvidenceInput,
    )
    from sagas.disputes.recorded import Recorded
    from sagas.domain.psp_events import PspEvent
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.dispute import steps
    from sagas.workflows.dispute.messages.actions import (
        AcceptRequest,
        DisputeActionResult,
        EvidenceRequest,
    )
    from sagas.workflows.dispute.messages.inputs import DisputeInput
    from sagas.workflows.dispute.messages.result import DisputeResult
    from sagas.workflows.dispute.messages.state import DisputeState
    from sagas.workflows.dispute.report.reads import record
    from sagas.workflows.dispute.report.stage import report
    from sagas.workflows.operator.actions import OperatorAction, OperatorActionResult
    from sagas.workflows.operator.attention import Attention
    from sagas.workflows.operator.validation import check_operator_action
    from sagas.workflows.saga.errors import error_message, error_type

MAX_ROUNDS = 200
#: Read again this long after the evidence deadline (the PSP closes it around then).
AFTER_DEADLINE = timedelta(minutes=5)


@workflow.defn(name="DisputeWorkflow")
class DisputeWorkflow:
    @workflow.init
    def __init__(self, inp: DisputeInput) -> None:
        self._state = DisputeState(
            gateway=inp.gateway,
            gateway_dispute_id=inp.gateway_dispute_id,
            events_seen=list(inp.events_seen),
            review_resolved=inp.review_resolved,
        )
        self._actions = inp.actions
        self._wake = False
        self._poll_s = 3600
        self._read_failure: str | None = None
        self._resolved_failure = False

    @workflow.run
    async def run(self, inp: DisputeInput) -> DisputeResult:
        st = self._state
        workflow.upsert_search_attributes(
            [
                sa.SAGA_KIND.value_set("dispute"),
                sa.GATEWAY.value_set(inp.gateway),
                sa.GATEWAY_OBJECT_ID.value_set(inp.gateway_dispute_id),
            ]
        )
        for _ in range(MAX_ROUNDS):
            rec = await self._sync()
            if rec is None and self._resolved_failure:
                return await self._finish("resolved_by_operator")
            if rec is not None and rec.final:
                if rec.status == "lost" and rec.order_id and not rec.fulfilment_revoked:
                    await self._revoke(rec.dispute_id)
                # A dispute on a payment we do not know ends only once it was reviewed.
                await workflow.wait_condition(lambda: not self._state.awaiting_review)
                return await self._finish(rec.status)
            if workflow.info().is_continue_as_new_suggested():
                break
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(lambda: self._wake, timeout=self._next_wait())
            self._wake = False
        await workflow.wait_condition(workflow.all_handlers_finished)
        workflow.continue_as_new(
            DisputeInput(
                gateway=inp.gateway,
                gateway_dispute_id=inp.gateway_dispute_id,
                events_seen=st.events_seen,
                review_resolved=st.review_resolved,
                actions=self._actions,
            )
        )

    # -- steps ---------------------------------------------------------------------------

    async def _sync(self) -> Recorded | None:
        """Read and record; a PSP or database that keeps failing raises NeedsAttention and
        the saga tries again at the next interval."""
        read = DisputeRead(
            gateway=self._state.gateway,
            gateway_dispute_id=self._state.gateway_dispute_id,
            workflow_id=workflow.info().workflow_id,
        )
        try:
            rec = await steps.sync(read)
        except ActivityError as err:
            self._read_failure = f"reading the dispute keeps failing: {error_message(err)}"
            self._report()
            return None
        self._read_failure = None
        self._apply(rec)
        return rec

    async def _revoke(self, dispute_id: str) -> None:
        self._state.stage = "revoking_fulfilment"
        self._report()
        await steps.revoke_fulfilment(DisputeRef(dispute_id=dispute_id))

    def _next_wait(self) -> timedelta:
        wait = timedelta(seconds=self._poll_s)
        due = self._state.evidence_due_by
        if self._state.status == "needs_response" and due is not None:
            until = due + AFTER_DEADLINE - workflow.now()
            if until > timedelta(0):  # past it: the regular interval, never a tight loop
                wait = min(wait, until)
        return wait

    async def _finish(self, stage: str) -> DisputeResult:
        await workflow.wait_condition(workflow.all_handlers_finished)
        self._state.stage = stage
        self._report()
        return DisputeResult(
            dispute_id=self._state.dispute_id, status=self._state.status, stage=stage
        )

    # -- state and what operators see ---------------------------------------------------

    def _apply(self, rec: Recorded) -> None:
        record(self._state, rec)
        self._poll_s = rec.poll_interval_s or self._poll_s
        self._report()

    def _report(self) -> None:
        report(self._state, self._read_failure)

    async def _answer(self, answer: Awaitable[Recorded]) -> DisputeActionResult:
        """Run an answer to the PSP for an update; a refusal fails the update, not the saga."""
        try:
            rec = await answer
        except ActivityError as err:
            kind = error_type(err) or "PspTransient"
            raise ApplicationError(error_message(err), type=kind, non_retryable=True) from err
        self._apply(rec)
        self._wake = True
        st = self._state
        return DisputeActionResult(
            dispute_id=st.dispute_id,
            status=st.status,
            psp_status=st.psp_status,
            evidence_submitted=st.evidence_submitted,
        )

    def _check_answerable(self) -> None:
        status = self._state.status
        if status != "needs_response":
            raise ValueError(f"the dispute is {status or 'not read yet'}; it cannot be answered")

    # -- messages -------------------------------------------------------------------------

    @workflow.query(name="state")
    def state(self) -> DisputeState:
        return self._state

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        """Record and wake; the event is a hint, the PSP read decides."""
        if event.event_id in self._state.events_seen:
            return
        self._state.events_seen.append(event.event_id)
        del self._state.events_seen[: -DisputeState.MAX_EVENTS_KEPT]
        self._wake = True

    @workflow.update(name="submit_evidence")
    async def submit_evidence(self, req: EvidenceRequest) -> DisputeActionResult:
        self._actions += 1
        st = self._state
        return await self._answer(
            steps.submit_evidence(
                EvidenceInput(
                    gateway=st.gateway,
                    gateway_dispute_id=st.gateway_dispute_id,
                    workflow_id=workflow.info().workflow_id,
                    text=req.text,
                    submit=req.submit,
                    idempotency_key=f"{workflow.info().workflow_id}-answer-{self._actions}",
                )
            )
        )

    @submit_evidence.validator
    def _validate_evidence(self, req: EvidenceRequest) -> None:
        self._check_answerable()
        if not req.text.strip():
            raise ValueError("evidence text is empty")

    @workflow.update(name="accept")
    async def accept(self, req: AcceptRequest) -> DisputeActionResult:
        self._actions += 1
        st = self._state
        return await self._answer(
            steps.accept(
                AcceptInput(
                    gateway=st.gateway,
                    gateway_dispute_id=st.gateway_dispute_id,
                    workflow_id=workflow.info().workflow_id,
                    idempotency_key=f"{workflow.info().workflow_id}-answer-{self._actions}",
                )
            )
        )

    @accept.validator
    def _validate_accept(self, req: AcceptRequest) -> None:
        self._check_answerable()

    @workflow.update(name="operator_action")
    async def operator_action(self, action: OperatorAction) -> OperatorActionResult:
        """``resolve``: the operator reviewed the unknown payment's dispute (recorded as
        reviewed; the saga keeps following it to its end), or ends a saga whose dispute
        cannot be read."""
        st = self._state
        st.attention = Attention(
            needed=st.attention.needed, reason=st.attention.reason, last_action=action
        )
        if self._read_failure:
            self._resolved_failure = True
        elif st.dispute_id is not None:
            await steps.mark_reviewed(DisputeRef(dispute_id=st.dispute_id))
            st.review_resolved, st.needs_review = True, False
        self._wake = True
        self._report()
        return OperatorActionResult(
            accepted=True, stage=st.stage, message=f"{action.action.value} accepted"
        )

    @operator_action.validator
    def _validate_operator(self, action: OperatorAction) -> None:
        check_operator_action(action, self._state.attention)
