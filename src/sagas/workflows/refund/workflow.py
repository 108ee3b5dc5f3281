"""RefundWorkflow: a refund is ``pending`` until the PSP itself says otherwise.

Input :class:`RefundInput` (the refund row exists, ``pending``; id ``refund-<refund_id>``).

1. Create the PSP refund with the refund id as its idempotency key (Stripe
   ``Idempotency-Key``, Razorpay ``X-Refund-Idempotency``): a retried activity, a restarted
   saga or an operator's ``retry`` answers the same PSP refund, never a second one. A refund
   cannot be undone, so this step has no compensation; its "compensation" is the key. A
   PSP refusal fails the refund; a PSP that keeps erroring sets ``NeedsAttention``.
2. Wait for ``psp_event`` signals (deduped by event id) and read the PSP's refund every
   ``poll_interval_s`` until it is final or ``deadline_s`` passes. The synchronous answer
   is never a verdict, and neither is a read that says ``succeeded`` before one poll
   interval has passed since creation (Stripe can still turn such a refund ``failed``);
   ``failed`` is believed at once, since it moves no money.
3. Succeeded: refund ``succeeded``, the order's refunded amount and status (``refunded`` /
   ``partially_refunded``), the ledger's refund entry; then the fulfilment is reversed as
   its own step (retried; if it keeps failing, ``NeedsAttention``). Failed: refund
   ``failed``; the order was never touched while pending, so it is as it was before.
4. Past the deadline, a PSP amount that is not ours, or an exhausted step: ``NeedsAttention``
   and the ``operator_action`` update: ``retry`` (ask the PSP again with the same key and
   wait anew) or ``resolve`` (the operator asserts the outcome: the refund is marked
   ``failed`` with their reason unless the PSP now says ``succeeded``).

Query ``state``; search attributes SagaKind=refund, SagaStage, NeedsAttention, OrderId,
CustomerId, Gateway, GatewayObjectId (PSP refund id), AmountMinor, Currency.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable
from datetime import timedelta
from typing import TypeVar

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.refund_models import FailInput, PspRead, RefundPlan, RefundRef
    from sagas.domain.psp_events import PspEvent
    from sagas.domain.refunds import PspRefund, RefundStatus
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.operator.actions import OperatorActionKind
    from sagas.workflows.operator.attention import Attention
    from sagas.workflows.refund import steps
    from sagas.workflows.refund.messages import RefundInput, RefundResult, RefundState
    from sagas.workflows.saga import EventInbox, OperatorDesk, report_stage
    from sagas.workflows.saga.desk import OperatorDeskHandlers, handled
    from sagas.workflows.saga.errors import error_message, error_type

T = TypeVar("T")
MAX_OPERATOR_ROUNDS = 50


class _NeedsOperator(Exception):
    """A step the saga cannot finish alone; carries the reason shown to operators."""


@workflow.defn(name="RefundWorkflow")
class RefundWorkflow(OperatorDeskHandlers):
    @workflow.init
    def __init__(self, inp: RefundInput) -> None:
        self._state = RefundState(refund_id=inp.refund_id)
        self._wake = False
        self._inbox = EventInbox(self._state.events_seen, keep=RefundState.MAX_EVENTS_KEPT)
        self._desk = OperatorDesk()

    @workflow.run
    async def run(self, inp: RefundInput) -> RefundResult:
        plan = await steps.load(RefundRef(refund_id=inp.refund_id))
        st = self._state
        st.order_id, st.gateway, st.status = plan.order_id, plan.gateway, plan.status
        st.amount_minor, st.currency = plan.amount_minor, plan.currency
        st.gateway_refund_id = plan.gateway_refund_id
        workflow.upsert_search_attributes(
            [
                sa.SAGA_KIND.value_set("refund"),
                sa.ORDER_ID.value_set(plan.order_id),
                sa.CUSTOMER_ID.value_set(plan.customer_id),
                sa.GATEWAY.value_set(plan.gateway),
                sa.AMOUNT_MINOR.value_set(plan.amount_minor),
                sa.CURRENCY.value_set(plan.currency),
            ]
        )
        resolve = False
        for _ in range(MAX_OPERATOR_ROUNDS):
            try:
                return await (self._resolve(plan) if resolve else self._drive(plan))
            except _NeedsOperator as why:
                action = await self._needs_operator(str(why))
            resolve = action is OperatorActionKind.RESOLVE
        return self._result()

    async def _drive(self, plan: RefundPlan) -> RefundResult:
        if self._state.status == "pending":
            psp = await self._create(plan)
            if psp is not None:
                final = await self._await_final(plan, psp)
                await self._settle(plan, final)
        if self._state.status == "succeeded":
            await self._revoke(plan)
        self._stage(self._state.status)
        return self._result()

    async def _create(self, plan: RefundPlan) -> PspRefund | None:
        """The PSP refund (None when the PSP refused it: the refund is then failed)."""
        self._stage("creating")
        try:
            psp = await steps.create_at_psp(plan)
        except ActivityError as err:
            if error_type(err) == "PspRejected":
                await self._fail(plan, f"the PSP refused the refund: {error_message(err)}")
                return None
            raise _NeedsOperator(
                f"creating the PSP refund keeps failing: {error_message(err)}"
            ) from err
        st = self._state
        if st.created_at_psp is None:
            st.created_at_psp = workflow.now()
        st.gateway_refund_id, st.psp_status = psp.gateway_refund_id, psp.raw_status
        workflow.upsert_search_attributes([sa.GATEWAY_OBJECT_ID.value_set(psp.gateway_refund_id)])
        return psp

    async def _await_final(self, plan: RefundPlan, psp: PspRefund) -> RefundStatus:
        """Signals wake it early; a poll reads anyway. Success waits out one poll interval."""
        st = self._state
        self._stage("awaiting_psp")
        st.deadline = workflow.now() + timedelta(seconds=plan.deadline_s)
        trust_from = (st.created_at_psp or workflow.now()) + timedelta(seconds=plan.poll_interval_s)
        read = PspRead(
            refund_id=plan.refund_id, gateway=plan.gateway, gateway_refund_id=psp.gateway_refund_id
        )
        for _ in range(1_000_000):
            left = (st.deadline - workflow.now()).total_seconds()
            if left <= 0:
                raise _NeedsOperator(
                    f"no final word from the PSP by the deadline (last: {st.psp_status})"
                )
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    lambda: self._wake, timeout=timedelta(seconds=min(plan.poll_interval_s, left))
                )
            self._wake = False
            now_psp = await self._step("reading the PSP refund", steps.read_at_psp(read))
            st.reads += 1
            st.psp_status = now_psp.raw_status
            self._details()
            if (
                now_psp.amount_minor != plan.amount_minor
                or now_psp.gateway_refund_id != psp.gateway_refund_id
            ):
                raise _NeedsOperator(
                    f"the PSP refund is {now_psp.amount_minor} {now_psp.currency}, "
                    f"ours is {plan.amount_minor} {plan.currency}"
                )
            if now_psp.status is RefundStatus.FAILED:
                return RefundStatus.FAILED
            if now_psp.status is RefundStatus.SUCCEEDED and workflow.now() >= trust_from:
                return RefundStatus.SUCCEEDED
        raise _NeedsOperator("the wait loop ended without a final word")

    async def _settle(self, plan: RefundPlan, final: RefundStatus) -> None:
        if final is RefundStatus.FAILED:
            await self._fail(plan, f"the PSP reports the refund {self._state.psp_status}")
            return
        self._stage("recording")
        ref = RefundRef(refund_id=plan.refund_id)
        await self._step("recording the refund", steps.mark_succeeded(ref))
        self._state.status = "succeeded"

    async def _fail(self, plan: RefundPlan, reason: str) -> None:
        self._stage("failing")
        req = FailInput(refund_id=plan.refund_id, reason=reason)
        await self._step("recording the failure", steps.mark_failed(req))
        self._state.status = "failed"

    async def _revoke(self, plan: RefundPlan) -> None:
        """Compensation of the order's fulfilment, retried generously; never swallowed."""
        self._stage("revoking_fulfilment")
        ref = RefundRef(refund_id=plan.refund_id)
        await self._step("reversing the fulfilment", steps.revoke_fulfilment(ref))

    async def _resolve(self, plan: RefundPlan) -> RefundResult:
        """The operator's word ends the saga, but a PSP that now says final still wins:
        a pending refund is settled from one more read, else marked failed with the reason."""
        st = self._state
        if st.status == "pending":
            final = RefundStatus.PENDING
            if st.gateway_refund_id is not None:
                read = PspRead(
                    refund_id=plan.refund_id,
                    gateway=plan.gateway,
                    gateway_refund_id=st.gateway_refund_id,
                )
                with contextlib.suppress(ActivityError):
                    now_psp = await steps.read_at_psp(read)
                    final, st.psp_status = now_psp.status, now_psp.raw_status
            if final is RefundStatus.SUCCEEDED:
                await self._settle(plan, final)
            else:
                last = st.attention.last_action
                await self._fail(plan, f"resolved by operator: {last.reason if last else ''}")
        if st.status == "succeeded":
            await self._revoke(plan)
        self._stage("resolved_by_operator")
        return self._result()

    async def _needs_operator(self, reason: str) -> OperatorActionKind:
        workflow.logger.warning("refund %s needs attention: %s", self._state.refund_id, reason)
        action = await self._desk.ask(reason, self._show)
        self._state.attention = handled(action)
        self._stage(self._state.stage)
        return action.action

    def _show(self, attention: Attention) -> None:
        self._state.attention = attention
        self._stage(self._state.stage)

    async def _step(self, what: str, call: Awaitable[T]) -> T:
        """An activity whose exhausted retries hand the saga to an operator."""
        try:
            return await call
        except ActivityError as err:
            raise _NeedsOperator(f"{what} keeps failing: {error_message(err)}") from err

    def _stage(self, stage: str) -> None:
        self._state.stage = stage
        report_stage(
            stage, needs_attention=self._state.attention.needed, details=self._state.details()
        )

    def _details(self) -> None:
        workflow.set_current_details(self._state.details())

    def _result(self) -> RefundResult:
        return RefundResult(
            refund_id=self._state.refund_id, status=self._state.status, stage=self._state.stage
        )

    @workflow.query(name="state")
    def state(self) -> RefundState:
        return self._state

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        """Record and wake; the event is a hint, the PSP read decides."""
        if self._inbox.record(event.event_id):
            self._wake = True
