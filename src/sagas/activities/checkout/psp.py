"""Checkout activities that talk to the PSP: create the gateway object, read payments,
capture, and undo the object (cancel / expire / deactivate).

Every call is idempotent on its own (keys derived from the checkout id or the object id),
so Temporal may retry any of them. Permanent PSP answers become non-retryable
``PspRejected`` errors; transient ones are retried under ``policies.PSP_CALL``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from sagas.activities.checkout.models import (
    CaptureInput,
    CheckoutRef,
    CompensateInput,
    CompensateResult,
    GatewayObject,
    ReadInput,
    ReadResult,
)
from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.models.checkouts import Checkout
from sagas.domain.settlement import PaymentSnapshot
from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import GatewayError, PermanentGatewayError, as_activity_error
from sagas.gateways.razorpay import orders as rzp
from sagas.gateways.stripe import payments as stp

T = TypeVar("T")


async def _psp(call: Callable[[], Awaitable[T]]) -> T:
    try:
        return await call()
    except GatewayError as err:
        raise as_activity_error(err) from err


def _session_expiry(co: Checkout) -> int:
    """Stripe wants 30 min to 24 h after *its* creation, which is a moment after ours: keep
    inside that window (the saga expires the session itself at the checkout's deadline)."""
    now = int(utcnow().timestamp())
    wanted = int(co.expires_at.timestamp())
    return min(max(wanted, now + 30 * 60 + 15), now + 24 * 3600 - 15)


class CheckoutPspActivities:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], gateways: GatewayClients
    ) -> None:
        self._sessions = sessions
        self._gw = gateways

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
                payer_details={k: str(v) for k, v in co.payer_details.items()},
            )
        # The PSP call runs outside any transaction; its key makes a retry find the same
        # object, so a crash between the call and the write below is harmless.
        created = await _psp(lambda: self._create(co))
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
        args: dict[str, Any] = {
            "checkout_id": co.id,
            "order_id": co.order_id,
            "amount": co.total_minor,
            "currency": co.currency,
        }
        if co.gateway == "razorpay":
            order = await rzp.create_order(self._gw.require_razorpay(), **args)
            return GatewayObject(
                kind="razorpay_order",
                object_id=order["id"],
                payer_details={
                    "razorpay_order_id": order["id"],
                    "key_id": self._gw.razorpay_key_id or "",
                    "amount": str(order["amount"]),
                    "currency": order["currency"],
                },
            )
        client = self._gw.require_stripe()
        if co.flow == "payment_intent":
            pi = await stp.create_payment_intent(client, customer_email=co.customer_email, **args)
            return GatewayObject(
                kind="payment_intent",
                object_id=pi["id"],
                payer_details={"payment_intent_id": pi["id"], "client_secret": pi["client_secret"]},
            )
        if co.flow == "checkout_session":
            cs = await stp.create_checkout_session(
                client,
                customer_email=co.customer_email,
                success_url=co.success_url,
                expires_at=_session_expiry(co),
                **args,
            )
            return GatewayObject(
                kind="checkout_session",
                object_id=cs["id"],
                payer_details={"checkout_session_id": cs["id"], "url": cs["url"]},
            )
        link = await stp.create_payment_link(client, success_url=co.success_url, **args)
        return GatewayObject(
            kind="payment_link",
            object_id=link["id"],
            payer_details={"payment_link_id": link["id"], "url": link["url"]},
        )

    @activity.defn(name="checkout.read_payments")
    async def read_payments(self, req: ReadInput) -> ReadResult:
        """Every payment the PSP has for the object, plus those the events named."""
        found: dict[str, PaymentSnapshot] = {}
        for snap in await _psp(lambda: self._object_payments(req)):
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
        if req.gateway == "razorpay":
            return await rzp.order_payments(self._gw.require_razorpay(), req.gateway_object_id)
        client = self._gw.require_stripe()
        if req.flow == "payment_intent":
            return [await stp.read_intent(client, req.gateway_object_id)]
        if req.flow == "checkout_session":
            snap = await stp.read_session_payment(client, req.gateway_object_id)
            return [snap] if snap else []
        sessions = await stp.link_session_ids(client, req.gateway_object_id)
        snaps = [await stp.read_session_payment(client, cs) for cs in sessions]
        return [s for s in snaps if s is not None]

    async def _hinted(self, gateway: str, hint: str) -> PaymentSnapshot | None:
        if gateway == "razorpay":
            if not hint.startswith("pay_"):
                return None
            return await rzp.read_payment(self._gw.require_razorpay(), hint)
        client = self._gw.require_stripe()
        if hint.startswith("pi_"):
            return await stp.read_intent(client, hint)
        if hint.startswith("cs_"):
            return await stp.read_session_payment(client, hint)
        return None

    @activity.defn(name="checkout.capture_payment")
    async def capture_payment(self, req: CaptureInput) -> PaymentSnapshot:
        if req.gateway != "razorpay":
            raise ApplicationError("only Razorpay payments are captured here", type="Conflict")
        return await _psp(
            lambda: rzp.capture(
                self._gw.require_razorpay(),
                req.payment_id,
                amount=req.amount_minor,
                currency=req.currency,
            )
        )

    @activity.defn(name="checkout.compensate_gateway_object")
    async def compensate_gateway_object(self, req: CompensateInput) -> CompensateResult:
        """Make the object unpayable; reports its final status (it may have been paid)."""
        if req.gateway == "razorpay":
            return CompensateResult(object_status="not_cancellable")
        client = self._gw.require_stripe()
        if req.flow == "payment_intent":
            status = await _psp(lambda: stp.cancel_intent(client, req.gateway_object_id))
        elif req.flow == "checkout_session":
            status = await _psp(lambda: stp.expire_session(client, req.gateway_object_id))
        else:
            active = await _psp(lambda: stp.deactivate_link(client, req.gateway_object_id))
            status = "active" if active else "inactive"
        return CompensateResult(object_status=status)
