"""RefundReopenedWorkflow: a refund the PSP failed after it had reported it ``succeeded``.

Input :class:`RefundReopenInput`; id ``refund-reopened-<refund id>``. The webhook pipeline
starts or signals it (signal-with-start, ``psp_event``) when a refund event says
``failed`` for a refund our records hold as ``succeeded``, whether or not its refund saga
is still open. It re-reads the refund at the PSP: unless the PSP itself says ``failed``
nothing moves. Then it reopens the refund (``refund.reopen_failed``: refund ``failed``,
the order's refunded amount and status back down, a reversing ledger entry,
``refund.failed``) and raises ``NeedsAttention``: the customer has not been repaid, and
the fulfilment the refund revoked stays revoked. An operator ``resolve``\\ s it with what
they did (refunded again by another route, contacted the customer, ...). A PSP read that
keeps failing also waits for the operator (``retry`` reads again; ``resolve`` ends it).

Query ``state``; search attributes SagaKind=refund_reopened, SagaStage, NeedsAttention,
OrderId, Gateway, GatewayObjectId (the PSP refund id), AmountMinor, Currency.
"""

from __future__ import annotations

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.refund_models import PspRead, RefundRef
    from sagas.activities.refund_reopen import ReopenInput
    from sagas.disputes.reopen import Reopened
    from sagas.domain.psp_events import PspEvent
    from sagas.domain.refunds import PspRefund, RefundStatus
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.operator.actions import OperatorActionKind
    from sagas.workflows.operator.attention import Attention
    from sagas.workflows.refund import steps
    from sagas.workflows.refund_reopened.messages import (
        WORKFLOW_NAME,
        RefundReopenInput,
        RefundReopenResult,
        RefundReopenState,
    )
    from sagas.workflows.refund_reopened.steps import reopen_failed
    from sagas.workflows.saga.desk import OperatorDesk, OperatorDeskHandlers, handled
    from sagas.workflows.saga.errors import error_message

MAX_ROUNDS = 50


class _CannotRead(Exception):
    """The refund cannot be read at the PSP (no PSP id on our row)."""


@workflow.defn(name=WORKFLOW_NAME)
class RefundReopenedWorkflow(OperatorDeskHandlers):
    @workflow.init
    def __init__(self, inp: RefundReopenInput) -> None:
        self._state = RefundReopenState(refund_id=inp.refund_id)
        self._desk = OperatorDesk()

    @workflow.run
    async def run(self, inp: RefundReopenInput) -> RefundReopenResult:
        st = self._state
        workflow.upsert_search_attributes([sa.SAGA_KIND.value_set("refund_reopened")])
        for _ in range(MAX_ROUNDS):
            try:
                psp = await self._read(inp.refund_id)
                break
            except (ActivityError, _CannotRead) as err:
                why = error_message(err) if isinstance(err, ActivityError) else str(err)
                action = await self._needs_operator(
                    f"reading the refund at the PSP keeps failing: {why}",
                    (OperatorActionKind.RETRY, OperatorActionKind.RESOLVE),
                )
                if action is OperatorActionKind.RESOLVE:
                    return self._finish("resolved_by_operator")
        else:
            return self._finish("gave_up")
        if psp.status is not RefundStatus.FAILED:
            return self._finish(f"psp_says_{psp.raw_status}")
        reason = f"the PSP failed the refund after success ({psp.failure_reason or psp.raw_status})"
        done = await self._reopen(ReopenInput(refund_id=inp.refund_id, reason=reason))
        if done is None:
            return self._finish("resolved_by_operator")
        st.reopened, st.order_status = done.reopened, done.order_status
        if not done.reopened:
            return self._finish("already_reopened")
        await self._needs_operator(
            f"refund {inp.refund_id} failed after it had succeeded: {done.amount_minor} "
            f"{done.currency} is back on order {done.order_id} ({done.order_status}); "
            "the customer has not been repaid",
            (OperatorActionKind.RESOLVE,),
        )
        return self._finish("resolved_by_operator")

    async def _reopen(self, req: ReopenInput) -> Reopened | None:
        """Put the money back on the order; a database that keeps refusing waits for an
        operator (``retry``, or ``resolve`` once they reopened it by hand: None)."""
        for _ in range(MAX_ROUNDS):
            try:
                return await reopen_failed(req)
            except ActivityError as err:
                action = await self._needs_operator(
                    f"reopening the failed refund keeps failing: {error_message(err)}",
                    (OperatorActionKind.RETRY, OperatorActionKind.RESOLVE),
                )
                if action is OperatorActionKind.RESOLVE:
                    return None
        return None

    async def _read(self, refund_id: str) -> PspRefund:
        plan = await steps.load(RefundRef(refund_id=refund_id))
        st = self._state
        st.order_id, st.gateway_refund_id = plan.order_id, plan.gateway_refund_id
        workflow.upsert_search_attributes(
            [
                sa.ORDER_ID.value_set(plan.order_id),
                sa.GATEWAY.value_set(plan.gateway),
                sa.AMOUNT_MINOR.value_set(plan.amount_minor),
                sa.CURRENCY.value_set(plan.currency),
                *(
                    [sa.GATEWAY_OBJECT_ID.value_set(plan.gateway_refund_id)]
                    if plan.gateway_refund_id
                    else []
                ),
            ]
        )
        if plan.gateway_refund_id is None:
            raise _CannotRead("the refund has no PSP refund id")
        psp = await steps.read_at_psp(
            PspRead(
                refund_id=refund_id,
                gateway=plan.gateway,
                gateway_refund_id=plan.gateway_refund_id,
            )
        )
        st.psp_status = psp.raw_status
        return psp

    async def _needs_operator(
        self, reason: str, allowed: tuple[OperatorActionKind, ...]
    ) -> OperatorActionKind:
        action = await self._desk.ask(reason, self._show, allowed)
        self._state.attention = handled(action)
        self._stage("operator_acted")
        return action.action

    def _show(self, attention: Attention) -> None:
        self._state.attention = attention
        self._stage("needs_attention")

    def _stage(self, stage: str) -> None:
        st = self._state
        st.stage = stage
        workflow.upsert_search_attributes(
            sa.stage_attributes(stage, needs_attention=st.attention.needed)
        )
        attention = f" · **needs attention**: {st.attention.reason}" if st.attention.needed else ""
        workflow.set_current_details(
            f"**{stage}** · refund {st.refund_id} ({st.gateway_refund_id}, PSP {st.psp_status})"
            f" · order {st.order_id} ({st.order_status}){attention}"
        )

    def _finish(self, stage: str) -> RefundReopenResult:
        self._stage(stage)
        return RefundReopenResult(
            refund_id=self._state.refund_id, reopened=self._state.reopened, stage=stage
        )

    @workflow.query(name="state")
    def state(self) -> RefundReopenState:
        return self._state

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        """A later event for the same refund changes nothing: the read decided."""
        if event.event_id not in self._state.events_seen:
            self._state.events_seen.append(event.event_id)
            del self._state.events_seen[:-100]
