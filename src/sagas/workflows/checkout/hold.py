"""Manual capture in the checkout workflow (CONTRACT 11.2): after the gate accepted an
authorization, wait for the merchant's capture or void (the ``hold_action`` update) until
``AUTHORIZATION_HOLD_S`` after it; then void it.

A capture asks the PSP for the amount kept (the order id is the PSP idempotency key) and
records it; a void releases the authorization and gives the discount use back. A step that
keeps failing goes to an operator; a capture an operator gives up on is voided.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.activities.checkout.models import AuthCaptureInput
    from sagas.gateways.traits import traits_of
    from sagas.workflows.checkout import steps
    from sagas.workflows.checkout.core import CheckoutCore
    from sagas.workflows.checkout.messages.inputs import HoldRequest
    from sagas.workflows.checkout.messages.state import Stage

HOLD_EXPIRED = "authorization hold expired uncaptured"


class AuthorizationHold(CheckoutCore):
    _hold: HoldRequest | None

    async def _hold_authorization(self) -> bool:
        """True once captured (fulfilment follows), False once voided."""
        if self._inp.flow in traits_of(self._inp.gateway).reusable_flows:
            await self._operator_step("deactivate the authorized Payment Link", self._compensate)
        until = self._state.hold_until or workflow.now()
        left = (until - workflow.now()).total_seconds()
        if left > 0 and self._hold is None:
            with contextlib.suppress(asyncio.TimeoutError):
                await workflow.wait_condition(
                    lambda: self._hold is not None, timeout=timedelta(seconds=left)
                )
        if self._hold is None:
            self._hold = HoldRequest(action="void", reason=HOLD_EXPIRED)
        req = self._hold
        if req.action == "capture" and await self._capture(req.amount_minor):
            return True
        reason = req.reason if req.action == "void" else "capture abandoned by an operator"
        await self._void(reason)
        return False

    async def _capture(self, amount_minor: int | None) -> bool:
        s = self._state
        assert s.payment_id is not None and s.authorized_minor is not None
        req = AuthCaptureInput(
            gateway=self._inp.gateway,
            payment_id=s.payment_id,
            amount_minor=amount_minor or s.authorized_minor,
            authorized_minor=s.authorized_minor,
            currency=self._inp.currency,
            capture_id=self._inp.order_id,
        )
        self._set_stage(Stage.CAPTURING)

        async def capture_and_record() -> None:
            outcome = await steps.capture_authorized(req)
            await steps.record_capture(self._inp.checkout_id, outcome)
            s.captured_minor = outcome.captured_minor

        if not await self._operator_step("capture the authorization", capture_and_record):
            return False
        self._set_stage(Stage.PAID)
        return True

    async def _void(self, reason: str) -> None:
        s = self._state
        assert s.payment_id is not None
        payment_id = s.payment_id
        self._set_stage(Stage.VOIDING)

        async def void_and_record() -> None:
            await steps.void_authorized(self._inp.gateway, payment_id, self._inp.order_id)
            await steps.record_void(self._inp.checkout_id, reason)

        await self._operator_step("void the authorization", void_and_record)
        s.reason = reason
        self._set_stage(Stage.VOIDED)

    def _check_hold_request(self, req: HoldRequest) -> None:
        """The ``hold_action`` validator: the same request again is fine; anything else
        only while authorized, for at most what is authorized."""
        if req.action not in ("capture", "void"):
            raise ValueError("action must be capture or void")
        held = self._hold
        if held is not None:
            same = (held.action, held.amount_minor, held.request_key) == (
                req.action,
                req.amount_minor,
                req.request_key,
            )
            if (same and req.request_key) or held.action == req.action == "void":
                return  # a retried request (a void is idempotent without a key too)
            raise ValueError(f"a {held.action} of this authorization is already under way")
        if self._state.stage != Stage.AUTHORIZED:
            raise ValueError(f"checkout is {self._state.stage.value}, not authorized")
        authorized = self._state.authorized_minor or 0
        if req.amount_minor is not None and not 0 < req.amount_minor <= authorized:
            raise ValueError(f"amount must be between 1 and the {authorized} authorized")
