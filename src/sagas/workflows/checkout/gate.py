"""Step 2 of the checkout saga: read the PSP and run every payment through the settlement
gate (:mod:`sagas.domain.settlement`).

A settled payment is recorded (an operator takes over a write that keeps failing: money
is captured), an authorization of a manual-capture checkout is held (``order.authorized``),
one the PSP must capture first is captured, a payment still on its way keeps the checkout
``processing`` (a slow payment outlives the expiry) and shows the payer where to complete
3-D Secure; every rejection is recorded once with its reason.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.domain.settlement import Expected, PaymentSnapshot, Rejection, Verdict
    from sagas.gateways.traits import traits_of
    from sagas.workflows.checkout import steps
    from sagas.workflows.checkout.core import (
        NEVER_OURS,
        PROCESSING_PATCH,
        REQUIRES_ACTION_PATCH,
        CheckoutCore,
    )
    from sagas.workflows.checkout.messages.state import RejectionRecord, Stage


class PaymentGate(CheckoutCore):
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
        action_url: str | None = None
        manual = self._inp.capture == "manual"
        for snap in sorted(payments, key=steps.settled_first):
            decision = steps.judge(snap, expected, self._inp.gateway, manual=manual)
            if decision.verdict == Verdict.CAPTURE_FIRST:
                self._set_stage(Stage.CAPTURING)
                try:
                    snap = await steps.capture(snap)
                except ActivityError as err:
                    workflow.logger.warning("capture failed: %s", steps.cause(err))
                    continue
                decision = steps.judge(snap, expected, self._inp.gateway)
            if decision.verdict == Verdict.AUTHORIZED:
                if snap.payment_id in self._set_aside or not await self._held(snap):
                    continue
                return True
            if decision.verdict == Verdict.ACCEPT:
                if snap.payment_id in self._set_aside:
                    continue
                # Money is captured: a write that keeps failing needs a human, not a drop.
                lean = self._lean()
                settled = await self._operator_step(
                    f"record settled payment {snap.payment_id}",
                    lambda s=snap, lo=lean: steps.settle(self._inp.checkout_id, s, local=lo),  # type: ignore[misc]
                )
                if not settled:
                    self._set_aside.add(snap.payment_id)  # an operator took it over
                    continue
                self._judged[snap.payment_id] = Verdict.ACCEPT
                self._state.payment_id = snap.payment_id
                self._state.reason = None
                # Lean: fulfilling follows in this task (after closing a reusable object, not).
                reusable = self._inp.flow in traits_of(self._inp.gateway).reusable_flows
                self._set_stage(Stage.PAID, publish=not lean or reusable)
                return True
            if decision.verdict == Verdict.WAIT:
                self._judged[snap.payment_id] = Verdict.WAIT
                waiting = waiting or snap.status == "processing"
                action_url = action_url or snap.next_action_url
                continue
            assert decision.reason is not None
            await self._record_rejection(snap.payment_id, decision.reason, decision.detail)
        await self._show_next_action(action_url)
        stage = Stage.PROCESSING if waiting else Stage.AWAITING_PAYMENT
        if self._state.stage in (Stage.AWAITING_PAYMENT, Stage.PROCESSING, Stage.CAPTURING):
            if stage != self._state.stage:
                await steps.set_stage(self._inp.checkout_id, stage, None)
            self._set_stage(stage)
            first = stage == Stage.PROCESSING and self._state.processing_since is None
            if first and workflow.patched(PROCESSING_PATCH):  # a slow payment outlives expiry
                self._state.processing_since = workflow.now()
        return False

    async def _held(self, snap: PaymentSnapshot) -> bool:
        """Manual capture: record the authorization (``order.authorized``) and hold it."""
        held = await self._operator_step(
            f"record authorized payment {snap.payment_id}",
            lambda: steps.authorize(self._inp.checkout_id, snap),
        )
        if not held:
            self._set_aside.add(snap.payment_id)  # an operator took it over
            return False
        now = workflow.now()
        self._judged[snap.payment_id] = Verdict.ACCEPT
        s = self._state
        s.payment_id, s.reason = snap.payment_id, None
        s.authorized_at, s.authorized_minor = now, snap.amount_minor
        s.hold_until = now + timedelta(seconds=self._inp.authorization_hold_s)
        self._set_stage(Stage.AUTHORIZED)
        return True

    async def _show_next_action(self, url: str | None) -> None:
        """Record where the payer completes 3-D Secure (``checkout.requires_action``)."""
        if url is None or url == self._state.next_action_url:
            return
        if not workflow.patched(REQUIRES_ACTION_PATCH):
            return
        await steps.require_action(self._inp.checkout_id, url)
        self._state.next_action_url = url

    async def _record_rejection(self, payment_id: str, reason: Rejection, detail: str) -> None:
        if self._judged.get(payment_id) != reason:
            at = workflow.now()
            why = f"{reason.value}: {detail}"
            # The row first: whoever sees the rejection in the query finds it in the row.
            await steps.set_stage(self._inp.checkout_id, None, why)
            self._state.reason = why
            self._state.rejections.append(
                RejectionRecord(payment_id=payment_id, reason=reason, detail=detail, at=at)
            )
        self._judged[payment_id] = reason
        if reason in NEVER_OURS and payment_id in self._hints:
            self._hints.remove(payment_id)
