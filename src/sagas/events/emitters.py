"""What each saga emits, one function per kind of change, called inside the transaction
that makes the change (after it, as its last write). Each decides the event types from
the change itself, so a retried activity that finds the change already made emits
nothing (the callers call these only when they changed something)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription
from sagas.events import views
from sagas.events.outbox import emit

CHECKOUT_END_TYPES = {
    "expired": "checkout.expired",
    "cancelled": "checkout.cancelled",
    "failed": "checkout.failed",
}
ORDER_REFUND_TYPES = {
    "partially_refunded": "order.partially_refunded",
    "refunded": "order.refunded",
}


async def checkout_paid(session: AsyncSession, co: Checkout, order: Order) -> None:
    """``checkout.paid`` then ``order.paid`` (the fulfilment hand-off)."""
    await emit(session, type="checkout.paid", object_id=co.id, data_object=views.checkout_view(co))
    await emit(
        session,
        type="order.paid",
        object_id=order.id,
        data_object=await views.order_view(session, order),
    )


async def checkout_requires_action(session: AsyncSession, co: Checkout) -> None:
    """The payer must act at the PSP (3-D Secure): ``gateway.next_action`` says where."""
    await emit(
        session,
        type="checkout.requires_action",
        object_id=co.id,
        data_object=views.checkout_view(co),
    )


async def order_held(session: AsyncSession, order: Order) -> None:
    """Manual capture: ``order.authorized`` or ``order.voided``, by the order's status."""
    kind = {"authorized": "order.authorized", "voided": "order.voided"}.get(order.status)
    if kind is not None:
        await emit(
            session,
            type=kind,
            object_id=order.id,
            data_object=await views.order_view(session, order),
        )


async def checkout_closed(session: AsyncSession, co: Checkout) -> None:
    kind = CHECKOUT_END_TYPES.get(co.status)
    if kind is not None:
        await emit(session, type=kind, object_id=co.id, data_object=views.checkout_view(co))


async def order_fulfilled(session: AsyncSession, order: Order) -> None:
    await emit(
        session,
        type="order.fulfilled",
        object_id=order.id,
        data_object=await views.order_view(session, order),
    )


async def refund_settled(
    session: AsyncSession, refund: Refund, order: Order, *, order_status_before: str
) -> None:
    """``refund.succeeded``/``failed``; the order's refund status when it moved; and
    ``payment.late_refunded`` when the money of a late payment went back."""
    await emit(
        session,
        type=f"refund.{refund.status}",
        object_id=refund.id,
        data_object=views.refund_view(refund),
    )
    if refund.status != "succeeded":
        return
    order_type = ORDER_REFUND_TYPES.get(order.status)
    if order_type is not None and (
        order.status != order_status_before or order.status == "partially_refunded"
    ):
        await emit(
            session,
            type=order_type,
            object_id=order.id,
            data_object=await views.order_view(session, order),
        )
    if refund.origin == "late_payment":
        payment = await session.get(Payment, refund.payment_id)
        if payment is not None:
            await emit(
                session,
                type="payment.late_refunded",
                object_id=payment.id,
                data_object=views.late_payment_view(payment, refund),
            )


async def subscription_changed(
    session: AsyncSession, sub: Subscription, *, status_before: str | None, renewed: bool
) -> None:
    """The subscription event a transition means (``status_before`` None: just opened).

    ``active`` after anything else is the first payment or a recovery; ``active`` again
    with a new period is a renewal; the other statuses are their own type on entry."""
    kind: str | None = None
    if sub.status == "active":
        if status_before != "active":
            kind = "subscription.active"
        elif renewed:
            kind = "subscription.renewed"
    elif sub.status in ("trialing", "past_due", "cancelled", "expired") and (
        status_before != sub.status
    ):
        kind = f"subscription.{sub.status}"
    if kind is not None:
        await emit(session, type=kind, object_id=sub.id, data_object=views.subscription_view(sub))


async def subscription_needs_payer(session: AsyncSession, sub: Subscription) -> None:
    """A renewal waits for the payer's authentication: ``payer.hosted_invoice_url`` in the
    object says where (``subscription.payment_action_required``)."""
    await emit(
        session,
        type="subscription.payment_action_required",
        object_id=sub.id,
        data_object=views.subscription_view(sub),
    )
