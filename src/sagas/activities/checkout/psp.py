"""Checkout activities that talk to the PSP: create the gateway object, read payments,
capture, and undo the object (cancel / expire / deactivate).

Every call is idempotent on its own (keys derived from the checkout id or the object id),
so Temporal may retry any of them. Permanent PSP answers become non-retryable
``PspRejected`` errors; transient ones are retried under ``policies.PSP_CALL``.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.models import (
    AuthCaptureInput,
    CaptureInput,
    CheckoutRef,
    CompensateInput,
    CompensateResult,
    GatewayObject,
    ReadInput,
    ReadResult,
    VoidInput,
)
from sagas.activities.psp_customers import psp_customer
from sagas.db.engine import unit_of_work
from sagas.db.models.checkouts import Checkout
from sagas.domain.captures import CaptureOutcome, CaptureRequest, VoidOutcome
from sagas.domain.gateway_objects import CheckoutOrder
from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import GatewayError, PermanentGatewayError, as_activity_error, psp_call
from sagas.gateways.protocols.captures import CaptureGateway
from sagas.gateways.registry import GatewayRegistry


class CheckoutPspActivities:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], gateways: GatewayClients
    ) -> None:
        self._sessions = sessions
        self._gw = GatewayRegistry(gateways)

    @activity.defn(name="checkout.open_gateway_object")
    async def open_gateway_object(self, ref: CheckoutRef) -> GatewayObject:
        """Create the PSP object (or find the one a lost answer created) and bind it."""
        async with self._sessions() as session:
            co = await session.get(Checkout, ref.checkout_id)
        if co is None:
            raise ApplicationError(f"no checkout {ref.checkout_id}", type="NotFound")
        if co.gateway_object_id:
            return GatewayObject(
                kind=co.gateway_object_kind or co.flow,
                object_id=co.gateway_object_id,
                payer_details={k: v for k, v in co.payer_details.items() if isinstance(v, str)},
            )
        # The PSP call runs outside any transaction; its key makes a retry find the same
        # object, so a crash between the call and the write below is harmless.
        created = await psp_call(lambda: self._create(co))
        async with unit_of_work(self._sessions) as session:
            row = await session.get(Checkout, ref.checkout_id, with_for_update=True)
            assert row is not None
            row.gateway_object_kind = created.kind
            row.gateway_object_id = created.object_id
            row.payer_details = dict(created.payer_details)
            if row.status == "created":
                row.status = "awaiting_payment"
        return created

    async def _create(self, co: Checkout) -> GatewayObject:
        psp = self._gw.get(co.gateway)
        # The customer's one PSP customer, shared with their subscriptions.
        gateway_customer_id = await psp_customer(self._sessions, psp, customer_id=co.customer_id)
        order = CheckoutOrder(
            checkout_id=co.id,
            order_id=co.order_id,
            flow=co.flow,
            amount_minor=co.total_minor,
            currency=co.currency,
            customer_email=co.customer_email,
            success_url=co.success_url,
            expires_at=co.expires_at,
            created_at=co.created_at,
            metadata=dict(co.request_metadata or {}),
            gateway_customer_id=gateway_customer_id,
            capture=co.capture_method,
        )
        return await psp.checkout.open_object(order)

    @activity.defn(name="checkout.read_payments")
    async def read_payments(self, req: ReadInput) -> ReadResult:
        """Every payment the PSP has for the object, plus those the events named."""
        found: dict[str, PaymentSnapshot] = {}
        for snap in await psp_call(lambda: self._object_payments(req)):
            found[snap.payment_id] = snap
        for hint in req.hints:
            if hint in found or hint == req.gateway_object_id:
                continue
            try:
                hinted = await self._hinted(req.gateway, hint)
            except PermanentGatewayError:
                continue  # an id the PSP does not know: a forged or foreign hint
            except GatewayError as err:
                raise as_activity_error(err) from err
            if hinted is not None:
                found.setdefault(hinted.payment_id, hinted)
        return ReadResult(payments=list(found.values()))

    async def _object_payments(self, req: ReadInput) -> list[PaymentSnapshot]:
        checkout = self._gw.get(req.gateway).checkout
        return await checkout.object_payments(req.flow, req.gateway_object_id)

    async def _hinted(self, gateway: str, hint: str) -> PaymentSnapshot | None:
        return await self._gw.get(gateway).checkout.hinted_payment(hint)

    @activity.defn(name="checkout.capture_payment")
    async def capture_payment(self, req: CaptureInput) -> PaymentSnapshot:
        """Capture an authorized payment, on a PSP whose payments are ours to capture."""
        try:
            capture = self._gw.get(req.gateway).capture
        except GatewayError as err:
            raise as_activity_error(err) from err
        if capture is None:
            raise ApplicationError(f"{req.gateway} payments are not captured here", type="Conflict")
        return await psp_call(
            lambda: capture.capture(
                req.payment_id, amount_minor=req.amount_minor, currency=req.currency
            )
        )

    def _capture_gateway(self, gateway: str) -> CaptureGateway:
        try:
            capture = self._gw.get(gateway).capture
        except GatewayError as err:
            raise as_activity_error(err) from err
        if capture is None:
            raise ApplicationError(
                f"{gateway} payments are not captured here", type="Conflict", non_retryable=True
            )
        return capture

    @activity.defn(name="checkout.capture_authorized")
    async def capture_authorized(self, req: AuthCaptureInput) -> CaptureOutcome:
        """The merchant's capture of a manual-capture authorization (all or part)."""
        capture = self._capture_gateway(req.gateway)
        return await psp_call(
            lambda: capture.capture_authorized(
                CaptureRequest(
                    payment_id=req.payment_id,
                    amount_minor=req.amount_minor,
                    authorized_minor=req.authorized_minor,
                    currency=req.currency,
                    capture_id=req.capture_id,
                )
            )
        )

    @activity.defn(name="checkout.void_authorized")
    async def void_authorized(self, req: VoidInput) -> VoidOutcome:
        """Release a manual-capture authorization (the merchant's void, or the hold ran out)."""
        capture = self._capture_gateway(req.gateway)
        return await psp_call(lambda: capture.void(req.payment_id, void_id=req.void_id))

    @activity.defn(name="checkout.compensate_gateway_object")
    async def compensate_gateway_object(self, req: CompensateInput) -> CompensateResult:
        """Make the object unpayable; reports its final status (it may have been paid)."""
        status = await psp_call(
            lambda: self._gw.get(req.gateway).checkout.close_object(req.flow, req.gateway_object_id)
        )
        return CompensateResult(object_status=status)
