"""Stripe payment objects for checkouts: PaymentIntent, Checkout Session, Payment Link.

Every create carries an idempotency key derived from the checkout id and the step
(``checkout-<id>-payment-intent``), never a random one: the SDK would invent one per call,
and a retried activity would then create a second PaymentIntent. The checkout id rides in
``metadata`` of the object *and* of the PaymentIntent it spawns, so a webhook can be routed
back and the settlement gate can check the binding.

Reads return :class:`~sagas.domain.settlement.PaymentSnapshot`; Stripe does not link a
PaymentIntent back to its Session, so the Session/Link reads bind their PaymentIntent to
themselves (``gateway_object_id``).
"""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.settlement import PaymentSnapshot, PaymentStatus
from sagas.gateways.clients import stripe_call
from sagas.gateways.errors import PermanentGatewayError

PI_CANCELABLE = {
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
}


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _status(pi: dict[str, Any]) -> PaymentStatus:
    status = pi.get("status")
    if status == "succeeded":
        return PaymentStatus.SETTLED
    if status == "requires_capture":
        return PaymentStatus.AUTHORIZED
    if status == "processing":
        return PaymentStatus.PROCESSING
    if status == "canceled":
        return PaymentStatus.CANCELED
    if status == "requires_payment_method" and pi.get("last_payment_error"):
        return PaymentStatus.FAILED
    return PaymentStatus.PENDING


def snapshot_of_intent(pi: dict[str, Any], *, bound_to: str) -> PaymentSnapshot:
    status = _status(pi)
    error = pi.get("last_payment_error") or {}
    amount = pi.get("amount_received") if status is PaymentStatus.SETTLED else pi.get("amount")
    return PaymentSnapshot(
        gateway="stripe",
        payment_id=pi["id"],
        gateway_object_id=bound_to,
        checkout_id=(pi.get("metadata") or {}).get("checkout_id"),
        status=status,
        amount_minor=int(amount or 0),
        currency=str(pi.get("currency") or "").upper(),
        failure=error.get("message") or error.get("code"),
    )


def _metadata(checkout_id: str, order_id: str) -> dict[str, str]:
    return {"checkout_id": checkout_id, "order_id": order_id}


async def create_payment_intent(
    client: stripe.StripeClient,
    *,
    checkout_id: str,
    order_id: str,
    amount: int,
    currency: str,
    customer_email: str,
) -> dict[str, Any]:
    params: dict[str, Any] = {
        "amount": amount,
        "currency": currency.lower(),
        "metadata": _metadata(checkout_id, order_id),
        "receipt_email": customer_email,
        "description": f"Order {order_id}",
    }
    pi = await stripe_call(
        client.v1.payment_intents.create_async,
        params=params,
        options={"idempotency_key": f"checkout-{checkout_id}-payment-intent"},
    )
    return _as_dict(pi)


async def create_checkout_session(
    client: stripe.StripeClient,
    *,
    checkout_id: str,
    order_id: str,
    amount: int,
    currency: str,
    customer_email: str,
    expires_at: int,
    success_url: str | None,
) -> dict[str, Any]:
    """One line for the whole net total: the server priced the cart, discount included."""
    params: dict[str, Any] = {
        "mode": "payment",
        "line_items": [_net_line(order_id, amount, currency)],
        "metadata": _metadata(checkout_id, order_id),
        "payment_intent_data": {"metadata": _metadata(checkout_id, order_id)},
        "client_reference_id": checkout_id,
        "customer_email": customer_email,
        "expires_at": expires_at,
        "success_url": success_url or "https://example.invalid/checkout/done",
    }
    session = await stripe_call(
        client.v1.checkout.sessions.create_async,
        params=params,
        options={"idempotency_key": f"checkout-{checkout_id}-session"},
    )
    return _as_dict(session)


def _net_line(order_id: str, amount: int, currency: str) -> dict[str, Any]:
    return {
        "quantity": 1,
        "price_data": {
            "currency": currency.lower(),
            "unit_amount": amount,
            "product_data": {"name": f"Order {order_id}"},
        },
    }


async def create_payment_link(
    client: stripe.StripeClient,
    *,
    checkout_id: str,
    order_id: str,
    amount: int,
    currency: str,
    success_url: str | None,
) -> dict[str, Any]:
    """A Price (with its Product) for the net total, then a Link on it."""
    price = await stripe_call(
        client.v1.prices.create_async,
        params={
            "currency": currency.lower(),
            "unit_amount": amount,
            "product_data": {"name": f"Order {order_id}"},
            "metadata": _metadata(checkout_id, order_id),
        },
        options={"idempotency_key": f"checkout-{checkout_id}-price"},
    )
    params: dict[str, Any] = {
        "line_items": [{"price": price.id, "quantity": 1}],
        "metadata": _metadata(checkout_id, order_id),
        "payment_intent_data": {"metadata": _metadata(checkout_id, order_id)},
    }
    if success_url:
        params["after_completion"] = {"type": "redirect", "redirect": {"url": success_url}}
    link = await stripe_call(
        client.v1.payment_links.create_async,
        params=params,
        options={"idempotency_key": f"checkout-{checkout_id}-payment-link"},
    )
    return _as_dict(link)


async def read_intent(
    client: stripe.StripeClient, pi_id: str, *, bound_to: str | None = None
) -> PaymentSnapshot:
    pi = _as_dict(await stripe_call(client.v1.payment_intents.retrieve_async, pi_id))
    return snapshot_of_intent(pi, bound_to=bound_to or pi_id)


async def read_session(client: stripe.StripeClient, session_id: str) -> dict[str, Any]:
    return _as_dict(await stripe_call(client.v1.checkout.sessions.retrieve_async, session_id))


async def read_session_payment(
    client: stripe.StripeClient, session_id: str
) -> PaymentSnapshot | None:
    """The session's PaymentIntent, bound to the session or to the Link that opened it."""
    session = await read_session(client, session_id)
    pi_id = session.get("payment_intent")
    if not pi_id:
        return None
    bound_to = session.get("payment_link") or session["id"]
    return await read_intent(client, str(pi_id), bound_to=str(bound_to))


async def link_session_ids(client: stripe.StripeClient, link_id: str) -> list[str]:
    """Sessions a Payment Link opened, from ``GET /v1/checkout/sessions?payment_link=``,
    every page (an account-wide event list capped at one page of 100 missed a link's
    payment on a busy account, and events only go back 30 days)."""
    found: list[str] = []
    params: dict[str, Any] = {"payment_link": link_id, "limit": 100}
    for _ in range(50):  # bounded: 5,000 sessions of one link
        page = _as_dict(await stripe_call(client.v1.checkout.sessions.list_async, params=params))
        data = page.get("data") or []
        for obj in data:
            if obj.get("payment_link") == link_id and obj.get("id") not in found:
                found.append(obj["id"])
        if not page.get("has_more") or not data:
            break
        params = {**params, "starting_after": data[-1]["id"]}
    return found


async def cancel_intent(client: stripe.StripeClient, pi_id: str) -> str:
    """Cancel if still cancelable; answers the PaymentIntent's status afterwards."""
    pi = _as_dict(await stripe_call(client.v1.payment_intents.retrieve_async, pi_id))
    if pi["status"] not in PI_CANCELABLE:
        return str(pi["status"])
    try:
        pi = _as_dict(
            await stripe_call(
                client.v1.payment_intents.cancel_async,
                pi_id,
                params={"cancellation_reason": "abandoned"},
                options={"idempotency_key": f"cancel-{pi_id}"},
            )
        )
    except PermanentGatewayError:
        # Lost a race with the payer: report what it became, the caller decides.
        pi = _as_dict(await stripe_call(client.v1.payment_intents.retrieve_async, pi_id))
    return str(pi["status"])


async def expire_session(client: stripe.StripeClient, session_id: str) -> str:
    session = await read_session(client, session_id)
    if session.get("status") != "open":
        return str(session.get("status"))
    try:
        session = _as_dict(
            await stripe_call(
                client.v1.checkout.sessions.expire_async,
                session_id,
                options={"idempotency_key": f"expire-{session_id}"},
            )
        )
    except PermanentGatewayError:
        session = await read_session(client, session_id)
    return str(session.get("status"))


async def deactivate_link(client: stripe.StripeClient, link_id: str) -> bool:
    link = _as_dict(
        await stripe_call(
            client.v1.payment_links.update_async,
            link_id,
            params={"active": False},
            options={"idempotency_key": f"deactivate-{link_id}"},
        )
    )
    return bool(link.get("active"))
