"""Stubs of the checkout saga's activities, registered under their real names.

``reads`` are the PSP's answers, one per read (the last repeated); ``handoff_failures``
makes the hand-off to the merchant fail (non-retryable) that many times, the way a broken
database would after its retries. ``calls`` is what the saga asked for, in order.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.models import (
    CaptureInput,
    CheckoutRef,
    CloseInput,
    CloseResult,
    CompensateInput,
    CompensateResult,
    GatewayObject,
    ReadInput,
    ReadResult,
    SettleInput,
    StageInput,
)
from sagas.domain.settlement import PaymentSnapshot
from sagas.events.handoff_activity import HandOffResult


class CheckoutStubs:
    def __init__(self, *reads: list[PaymentSnapshot], handoff_failures: int = 0) -> None:
        self.reads = list(reads) or [[]]
        self.handoff_failures = handoff_failures
        self.calls: list[str] = []
        self.closed: CloseInput | None = None
        #: Runs inside ``close`` (a webhook that lands while the saga is closing).
        self.on_close: Callable[[], Awaitable[None]] | None = None

    def _read(self) -> list[PaymentSnapshot]:
        return self.reads.pop(0) if len(self.reads) > 1 else self.reads[0]

    def activities(self) -> Sequence[Callable[..., Any]]:
        @activity.defn(name="checkout.open_gateway_object")
        async def open_gateway_object(ref: CheckoutRef) -> GatewayObject:
            self.calls.append("open_gateway_object")
            return GatewayObject(kind="payment_intent", object_id="pi_test")

        @activity.defn(name="checkout.read_payments")
        async def read_payments(req: ReadInput) -> ReadResult:
            self.calls.append("read_payments")
            return ReadResult(payments=self._read())

        @activity.defn(name="checkout.capture_payment")
        async def capture_payment(req: CaptureInput) -> PaymentSnapshot:
            raise AssertionError("a settled Stripe payment is never captured")

        @activity.defn(name="checkout.compensate_gateway_object")
        async def compensate_gateway_object(req: CompensateInput) -> CompensateResult:
            self.calls.append("compensate")
            return CompensateResult(object_status="canceled")

        @activity.defn(name="checkout.settle")
        async def settle(req: SettleInput) -> str:
            self.calls.append("settle")
            return "paid"

        @activity.defn(name="checkout.set_stage")
        async def set_stage(req: StageInput) -> None:
            self.calls.append("set_stage")

        @activity.defn(name="checkout.close")
        async def close(req: CloseInput) -> CloseResult:
            self.calls.append("close")
            self.closed = req
            if self.on_close is not None:
                await self.on_close()
            return CloseResult(discount_released=False)

        @activity.defn(name="checkout.fulfil")
        async def fulfil(ref: CheckoutRef) -> str:
            raise AssertionError("new runs hand the order over instead (merchant-events-handoff)")

        @activity.defn(name="checkout.hand_off")
        async def hand_off(ref: CheckoutRef) -> HandOffResult:
            self.calls.append("hand_off")
            if self.handoff_failures > 0:
                self.handoff_failures -= 1
                raise ApplicationError("database unavailable", non_retryable=True)
            return HandOffResult(order_status="fulfilled")

        return [
            open_gateway_object,
            read_payments,
            capture_payment,
            compensate_gateway_object,
            settle,
            set_stage,
            close,
            fulfil,
            hand_off,
        ]
