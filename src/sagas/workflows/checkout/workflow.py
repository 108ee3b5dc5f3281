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
    from sagas.gateways.traits import traits_of
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.checkout import steps
    from sagas.workflows.checkout.core import FREE_ORDER_PATCH, MAX_SEEN
    from sagas.workflows.checkout.fulfilment import Fulfilment
    from sagas.workflows.checkout.gate import PaymentGate
    from sagas.workflows.checkout.hold import AuthorizationHold
    from sagas.workflows.checkout.messages.inputs import (
        CancelRequest,
        CancelResult,
        CheckoutInput,
        CheckoutResult,
        GatewayObjectRequest,
        GatewayObjectResult,
        HoldRequest,
        HoldResult,
        VerifyRequest,
        VerifyResult,
    )
    from sagas.workflows.checkout.messages.state import (
        CLOSED,
        HELD,
        PAID_STAGES,
        CheckoutState,
        Stage,
    )
    from sagas.workflows.saga.desk import OperatorDesk, OperatorDeskHandlers
    from sagas.workflows.saga.inbox import EventInbox


@workflow.defn(name="CheckoutWorkflow")
class CheckoutWorkflow(PaymentGate, AuthorizationHold, Fulfilment, OperatorDeskHandlers):
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
        self._seen = []
        self._inbox = EventInbox(self._seen, keep=MAX_SEEN)
        self._events_total = 0
        self._unread_events = 0
        self._hints = []
        self._judged = {}
        self._wake = False
        self._cancel = None
        self._desk = OperatorDesk()
        self._set_aside = set()
        self._hold = None
        if inp.carry is not None:  # a waiting checkout that continued-as-new
            self._restore(inp.carry)

    # -- run ---------------------------------------------------------------------------

    @workflow.run
    async def run(self, inp: CheckoutInput) -> CheckoutResult:
        await self._saga(inp)
        await self._review_late_events()
        return self._result()

    async def _saga(self, inp: CheckoutInput) -> None:
        workflow.set_current_details(self._details())
        if inp.carry is None and inp.amount_minor == 0 and workflow.patched(FREE_ORDER_PATCH):
            await self._settle_free()
            await self._after_paid()
            return
        if inp.carry is None and not await self._open_gateway_object():
            return
        if not await self._wait_for_payment():
            closing = Stage.CANCELLING if self._cancel else Stage.EXPIRING
            self._set_stage(closing)
            if not await self._read_and_judge():
                await self._operator_step("compensate the gateway object", self._compensate)
                if not await self._read_and_judge():
                    final, why = self._closing_reason()
                    await self._close(final, why)
                    return
        if self._state.stage == Stage.AUTHORIZED and not await self._hold_authorization():
            return
        await self._after_paid()

    async def _settle_free(self) -> None:
        """A 0 total (CONTRACT 11.1): paid at once, no PSP object, ``order.paid``."""
        await self._operator_step(
            "record the free order", lambda: steps.settle_free(self._inp.checkout_id)
        )
        self._set_stage(Stage.PAID)
        self._gateway_result = GatewayObjectResult(ok=True, stage=Stage.PAID)

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
        object_attr = sa.GATEWAY_OBJECT_ID.value_set(obj.object_id)
        lean = self._lean()
        if not lean:
            workflow.upsert_search_attributes([object_attr])
        self._gateway_result = GatewayObjectResult(
            ok=True,
            stage=Stage.AWAITING_PAYMENT,
            kind=obj.kind,
            gateway_object_id=obj.object_id,
            payer_details=obj.payer_details,
        )
        self._set_stage(Stage.AWAITING_PAYMENT, extra=[object_attr] if lean else ())
        return True

    async def _wait_for_payment(self) -> bool:
        """True once the gate accepted a payment; False at the deadline or on cancel.
        Continues-as-new every ``max_polls_per_run`` polls (see ``_maybe_continue_as_new``)."""
        for polls in range(1, 1_000_000):  # bounded: each turn waits up to a poll interval
            left = (self._deadline() - workflow.now()).total_seconds()
            if self._cancel is None and left <= 0 and self._state.stage == Stage.PROCESSING:
                if await self._processing_overdue():
                    continue  # an operator asked to keep waiting for the PSP
                return False
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

    # -- messages ----------------------------------------------------------------------

    @workflow.query(name="state")
    def state(self) -> CheckoutState:
        self._state.events_seen = self._events_total
        return self._state

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        if not self._inbox.record(event.event_id):
            return
        self._events_total += 1
        self._hint(event.payment_id, event.object_id)
        if not event.payment_id or event.payment_id != self._state.payment_id:
            self._unread_events += 1
        self._wake = True

    @workflow.update  # named after the method (so callers can reference it typed)
    async def wait_gateway_object(self, _: GatewayObjectRequest) -> GatewayObjectResult:
        await workflow.wait_condition(lambda: self._gateway_result is not None)
        assert self._gateway_result is not None
        return self._gateway_result

    @workflow.update
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
                or self._state.stage in HELD
            )
        )
        return steps.verify_outcome(self._state, self._judged.get(pid), pid)

    @razorpay_verified.validator
    def _validate_verify(self, req: VerifyRequest) -> None:
        if not traits_of(self._inp.gateway).verifies_payer_callback:
            raise ValueError("not a Razorpay checkout")
        if req.razorpay_order_id != self._state.gateway_object_id:
            raise ValueError("order id is not this checkout's Razorpay order")

    @workflow.update
    async def cancel(self, req: CancelRequest) -> CancelResult:
        stage = self._state.stage
        if stage in CLOSED or stage in PAID_STAGES or stage in HELD or self._hold is not None:
            return CancelResult(
                accepted=False,
                stage=self._state.stage,
                message=f"checkout is {self._state.stage.value}",
            )
        self._cancel = req
        await workflow.wait_condition(
            lambda: (
                self._state.stage in CLOSED
                or self._state.stage in PAID_STAGES
                or self._state.stage in HELD
            )
        )
        ok = self._state.stage == Stage.CANCELLED
        msg = "cancelled" if ok else f"checkout is {self._state.stage.value}"
        return CancelResult(accepted=ok, stage=self._state.stage, message=msg)

    @workflow.update(name="hold_action")
    async def hold_action(self, req: HoldRequest) -> HoldResult:
        """The merchant's capture or void of a manual-capture authorization (202 at once;
        the run loop carries it out)."""
        if self._hold is None:
            self._hold = req
        return HoldResult(accepted=True, stage=self._state.stage, message=f"{req.action} accepted")

    @hold_action.validator
    def _validate_hold(self, req: HoldRequest) -> None:
        self._check_hold_request(req)
