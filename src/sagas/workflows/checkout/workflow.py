"""CheckoutWorkflow: no order without a settled payment bound to it, no stuck checkout.

Input :class:`CheckoutInput` (the checkout and order rows already exist, status
``created``). Steps:

1. create the gateway object (PaymentIntent / Session / Link / Razorpay Order) with a key
   derived from the checkout id; the ``wait_gateway_object`` update (used with
   update-with-start by the API) answers once it exists or failed. On failure the
   compensation is: checkout and order ``failed``, discount use given back.
2. wait until ``expires_at`` for a ``psp_event`` signal (deduped by event id), a
   ``razorpay_verified`` update or a ``cancel`` update, reading the PSP every
   ``poll_interval_s`` meanwhile; every read goes through the settlement gate
   (:mod:`sagas.domain.settlement`), rejections are recorded with their reason. A long
   wait continues-as-new every ``max_polls_per_run`` polls (or when Temporal suggests
   it), carrying the gateway object, stage and bounded event/verdict memory (``Carry``).
3. at the deadline (or on cancel): read once more, compensate (cancel the PaymentIntent,
   expire the Session, deactivate the Link; Razorpay orders cannot be cancelled, a later
   payment goes to PaymentReviewWorkflow and is refunded), read again (a payment that won
   the race is honoured), then close the checkout and give the discount use back.
4. after ``paid``: deactivate a Payment Link, then fulfil as its own retried step.

A step that cannot go on by itself sets ``NeedsAttention`` and waits for the
``operator_action`` update (retry / cancel / resolve). Query ``state`` shows it all.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.domain.psp_events import PspEvent
    from sagas.domain.settlement import Expected, Verdict
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.checkout import steps
    from sagas.workflows.checkout.core import MAX_SEEN, CheckoutCore
    from sagas.workflows.checkout.inputs import (
        CancelRequest,
        CancelResult,
        CheckoutInput,
        CheckoutResult,
        GatewayObjectRequest,
        GatewayObjectResult,
        VerifyRequest,
        VerifyResult,
    )
    from sagas.workflows.checkout.state import (
        CLOSED,
        PAID_STAGES,
        CheckoutState,
        Stage,
    )
    from sagas.workflows.operator import (
        OperatorAction,
        OperatorActionResult,
        check_operator_action,
    )


@workflow.defn(name="CheckoutWorkflow")
class CheckoutWorkflow(CheckoutCore):
    @workflow.init
    def __init__(self, inp: CheckoutInput) -> None:
        self._inp = inp
        self._state = CheckoutState(
            checkout_id=inp.checkout_id,
            order_id=inp.order_id,
            stage=Stage.CREATED,
            gateway=inp.gateway,
            flow=inp.flow,
            amount_minor=inp.amount_minor,
            currency=inp.currency,
            expires_at=inp.expires_at,
        )
        self._gateway_result = None
        self._seen = {}
        self._events_total = 0
        self._hints = []
        self._judged = {}
        self._wake = False
        self._cancel = None
        self._operator = None
        self._set_aside = set()
        if inp.carry is not None:  # a waiting checkout that continued-as-new
            self._restore(inp.carry)

    # -- run ---------------------------------------------------------------------------

    @workflow.run
    async def run(self, inp: CheckoutInput) -> CheckoutResult:
        workflow.set_current_details(self._details())
        if inp.carry is None and not await self._open_gateway_object():
            return self._result()
        if not await self._wait_for_payment():
            closing = Stage.CANCELLING if self._cancel else Stage.EXPIRING
            self._set_stage(closing)
            if not await self._read_and_judge():
                await self._operator_step("compensate the gateway object", self._compensate)
                if not await self._read_and_judge():
                    final = Stage.CANCELLED if self._cancel else Stage.EXPIRED
                    why = self._cancel.reason if self._cancel else "expired unpaid"
                    await self._close(final, why)
                    return self._result()
        await self._after_paid()
        return self._result()

    async def _open_gateway_object(self) -> bool:
        """Step 1; False when the PSP refused (the checkout is then closed as failed)."""
        try:
            obj = await steps.open_gateway_object(self._inp.checkout_id)
        except ActivityError as err:
            reason = f"gateway object not created: {steps.cause(err)}"
            await self._close(Stage.FAILED, reason)
            self._gateway_result = GatewayObjectResult(ok=False, stage=Stage.FAILED, error=reason)
            return False
        self._state.gateway_object_id = obj.object_id
        workflow.upsert_search_attributes([sa.GATEWAY_OBJECT_ID.value_set(obj.object_id)])
        self._gateway_result = GatewayObjectResult(
            ok=True,
            stage=Stage.AWAITING_PAYMENT,
            kind=obj.kind,
            gateway_object_id=obj.object_id,
            payer_details=obj.payer_details,
        )
        self._set_stage(Stage.AWAITING_PAYMENT)
        return True

    async def _wait_for_payment(self) -> bool:
        """True once the gate accepted a payment; False at the deadline or on cancel.
        Continues-as-new every ``max_polls_per_run`` polls (see ``_maybe_continue_as_new``)."""
        for polls in range(1, 1_000_000):  # bounded: each turn waits up to a poll interval
            left = (self._inp.expires_at - workflow.now()).total_seconds()
            if self._cancel is not None or left <= 0:
                return False
            with contextlib.suppress(asyncio.TimeoutError):
                await workflow.wait_condition(
                    lambda: self._wake or self._cancel is not None,
                    timeout=timedelta(seconds=min(self._inp.poll_interval_s, left)),
                )
            self._wake = False
            if self._cancel is None and await self._read_and_judge():
                return True
            self._maybe_continue_as_new(polls)
        return False

    async def _read_and_judge(self) -> bool:
        """Read the PSP, run every payment through the gate; True when one was accepted."""
        req = self._read_input()
        try:
            payments = (await steps.read_payments(req)).payments
        except ActivityError as err:
            workflow.logger.warning("PSP read failed, next poll retries: %s", steps.cause(err))
            return False
        self._state.psp_reads += 1
        expected = Expected(
            checkout_id=self._inp.checkout_id,
            gateway_object_id=req.gateway_object_id,
            amount_minor=self._inp.amount_minor,
            currency=self._inp.currency,
        )
        waiting = False
        for snap in sorted(payments, key=steps.settled_first):
            decision = steps.judge(snap, expected, self._inp.gateway)
            if decision.verdict == Verdict.CAPTURE_FIRST:
                self._set_stage(Stage.CAPTURING)
                try:
                    snap = await steps.capture(snap)
                except ActivityError as err:
                    workflow.logger.warning("capture failed: %s", steps.cause(err))
                    continue
                decision = steps.judge(snap, expected, self._inp.gateway)
            if decision.verdict == Verdict.ACCEPT:
                if snap.payment_id in self._set_aside:
                    continue
                # Money is captured: a write that keeps failing needs a human, not a drop.
                settled = await self._operator_step(
                    f"record settled payment {snap.payment_id}",
                    lambda s=snap: steps.settle(self._inp.checkout_id, s),  # type: ignore[misc]
                )
                if not settled:
                    self._set_aside.add(snap.payment_id)  # an operator took it over
                    continue
                self._judged[snap.payment_id] = Verdict.ACCEPT
                self._state.payment_id = snap.payment_id
                self._state.reason = None
                self._set_stage(Stage.PAID)
                return True
            if decision.verdict == Verdict.WAIT:
                self._judged[snap.payment_id] = Verdict.WAIT
                waiting = waiting or snap.status == "processing"
                continue
            assert decision.reason is not None
            await self._record_rejection(snap.payment_id, decision.reason, decision.detail)
        stage = Stage.PROCESSING if waiting else Stage.AWAITING_PAYMENT
        if self._state.stage in (Stage.AWAITING_PAYMENT, Stage.PROCESSING, Stage.CAPTURING):
            if stage != self._state.stage:
                await steps.set_stage(self._inp.checkout_id, stage, None)
            self._set_stage(stage)
        return False

    async def _after_paid(self) -> None:
        if self._inp.flow == "payment_link":
            await self._operator_step("deactivate the paid Payment Link", self._compensate)
        self._set_stage(Stage.FULFILLING)
        done = await self._operator_step(
            "fulfil the order", lambda: steps.fulfil(self._inp.checkout_id)
        )
        if done:
            self._set_stage(Stage.FULFILLED)
        await self._review_extra_payments()

    # -- messages ----------------------------------------------------------------------

    @workflow.query(name="state")
    def state(self) -> CheckoutState:
        self._state.events_seen = self._events_total
        return self._state

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        if event.event_id in self._seen:
            return
        self._seen[event.event_id] = None
        self._events_total += 1
        if len(self._seen) > MAX_SEEN:
            del self._seen[next(iter(self._seen))]
        self._hint(event.payment_id, event.object_id)
        self._wake = True

    @workflow.update(name="wait_gateway_object")
    async def wait_gateway_object(self, _: GatewayObjectRequest) -> GatewayObjectResult:
        await workflow.wait_condition(lambda: self._gateway_result is not None)
        assert self._gateway_result is not None
        return self._gateway_result

    @workflow.update(name="razorpay_verified")
    async def razorpay_verified(self, req: VerifyRequest) -> VerifyResult:
        pid = req.razorpay_payment_id
        self._judged.pop(pid, None)  # answer from a read made after this callback
        self._hint(pid)
        self._wake = True
        await workflow.wait_condition(
            lambda: (
                pid in self._judged
                or self._state.stage in CLOSED
                or self._state.stage in PAID_STAGES
            )
        )
        return steps.verify_outcome(self._state, self._judged.get(pid), pid)

    @razorpay_verified.validator
    def _validate_verify(self, req: VerifyRequest) -> None:
        if self._inp.gateway != "razorpay":
            raise ValueError("not a Razorpay checkout")
        if req.razorpay_order_id != self._state.gateway_object_id:
            raise ValueError("order id is not this checkout's Razorpay order")

    @workflow.update(name="cancel")
    async def cancel(self, req: CancelRequest) -> CancelResult:
        if self._state.stage in CLOSED or self._state.stage in PAID_STAGES:
            return CancelResult(
                accepted=False,
                stage=self._state.stage,
                message=f"checkout is {self._state.stage.value}",
            )
        self._cancel = req
        await workflow.wait_condition(
            lambda: self._state.stage in CLOSED or self._state.stage in PAID_STAGES
        )
        ok = self._state.stage == Stage.CANCELLED
        msg = "cancelled" if ok else f"checkout is {self._state.stage.value}"
        return CancelResult(accepted=ok, stage=self._state.stage, message=msg)

    @workflow.update(name="operator_action")
    async def operator_action(self, action: OperatorAction) -> OperatorActionResult:
        self._operator = action
        return OperatorActionResult(
            accepted=True, stage=self._state.stage, message=f"{action.action.value} accepted"
        )

    @operator_action.validator
    def _validate_operator(self, action: OperatorAction) -> None:
        check_operator_action(action, self._state.attention)
