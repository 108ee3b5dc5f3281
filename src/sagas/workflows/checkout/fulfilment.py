"""Step 4 of the checkout saga, once paid: deactivate a reusable object (a Payment Link),
hand the order to the merchant (``order.paid`` went out with the settlement), and send any
other settled payment of the checkout (a Link paid twice) to PaymentReviewWorkflow.
"""

from __future__ import annotations

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from sagas.gateways.traits import traits_of
    from sagas.workflows.checkout import handoff, steps
    from sagas.workflows.checkout.core import LATE_EVENTS_PATCH, MAX_LATE_READS, CheckoutCore
    from sagas.workflows.checkout.messages.state import Stage


class Fulfilment(CheckoutCore):
    async def _after_paid(self) -> None:
        if self._inp.flow in traits_of(self._inp.gateway).reusable_flows:
            await self._operator_step("deactivate the paid Payment Link", self._compensate)
        self._set_stage(Stage.FULFILLING)
        if workflow.patched(handoff.HANDOFF_PATCH):
            await self._hand_off()
        else:
            done = await self._operator_step(
                "fulfil the order", lambda: steps.fulfil(self._inp.checkout_id)
            )
            if done:
                self._set_stage(Stage.FULFILLED)
        await self._review_extra_payments()

    async def _hand_off(self) -> None:
        """``order.paid`` was emitted with the settlement: fulfilled at once when nobody
        must acknowledge it, else the order stays ``paid`` and the acknowledgement (or the
        merchant's ``POST /v1/orders/{id}/fulfil``) finishes it outside this saga."""
        result: list[handoff.HandOffResult] = []

        async def step() -> None:
            result.append(await handoff.hand_off(self._inp.checkout_id))

        if not await self._operator_step("hand the order to the merchant", step):
            return
        if result[-1].order_status == "fulfilled":
            self._set_stage(Stage.FULFILLED)
        else:
            self._state.reason = (
                f"order {result[-1].order_status}; fulfilment waits on the merchant "
                f"({', '.join(result[-1].waiting_on) or 'nobody'})"
            )
            self._set_stage(Stage.PAID)

    async def _review_late_events(self) -> None:
        """A webhook that comes after the last read but before this run ends is signalled
        here, and the webhook pipeline sends a payment to review only once the saga is
        closed: so before ending, read again while events came after the last read, and
        hand every settled payment no paid order holds (an expired Razorpay order paid a
        moment late) to review. Temporal refuses to complete a run that has unseen
        signals, so nothing can slip between this check and the end."""
        for _ in range(MAX_LATE_READS):
            if not self._unread_events:
                return
            if not workflow.patched(LATE_EVENTS_PATCH):
                return
            await self._review_extra_payments()

    async def _review_extra_payments(self) -> None:
        """No money stays captured without a paid order: another settled payment of this
        checkout (a Link paid twice before deactivation) goes to PaymentReviewWorkflow."""
        req = self._read_input()
        try:
            payments = (await steps.read_payments(req)).payments
        except ActivityError as err:
            workflow.logger.warning("final read failed; reconciliation covers it: %s", err)
            return
        for snap in payments:
            extra = snap.payment_id != self._state.payment_id
            if extra and snap.checkout_id == self._inp.checkout_id and snap.status == "settled":
                await steps.start_review(self._inp.checkout_id, snap)
