"""Creating a checkout, in the caller's transaction, before its workflow starts.

One transaction validates the cart (products, custom data), prices it on the server,
takes the discount use, and writes the checkout, its order and the order lines, so the
API can answer with the ``order_id``. Nothing here talks to a PSP: the gateway object is
the workflow's first step. Failures are typed :class:`CheckoutError` (the API maps
``status``); when one is raised the caller rolls back and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order, OrderItem, Payment
from sagas.domain.custom_fields import validate_custom_data
from sagas.services import catalogue, discounts
from sagas.services.catalogue import CatalogueError

SESSION_MIN_S = 30 * 60
SESSION_MAX_S = 24 * 3600
FLOWS = {"stripe": {"payment_intent", "checkout_session", "payment_link"}, "razorpay": {"order"}}


class CheckoutError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details


@dataclass(frozen=True)
class Item:
    product_id: str
    quantity: int
    custom_data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NewCheckout:
    customer_id: str
    customer_email: str
    items: list[Item]
    gateway: str
    flow: str
    discount_code: str | None = None
    expires_in_s: int | None = None
    success_url: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Created:
    checkout: Checkout
    order: Order
    client_token: str


def fingerprint(body: dict[str, Any]) -> str:
    """sha256 of the canonical JSON body: the same request always hashes the same."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def expiry_seconds(req: NewCheckout, default_s: int) -> int:
    if req.flow not in FLOWS.get(req.gateway, set()):
        raise CheckoutError(
            422,
            "validation_error",
            f"flow {req.flow!r} is not a {req.gateway} flow",
            {"allowed": sorted(FLOWS.get(req.gateway, set()))},
        )
    seconds = req.expires_in_s if req.expires_in_s is not None else default_s
    if req.flow == "checkout_session" and not SESSION_MIN_S <= seconds <= SESSION_MAX_S:
        raise CheckoutError(
            422,
            "validation_error",
            "expires_in_s must be between 1800 and 86400 for a Checkout Session",
            {"field": "expires_in_s"},
        )
    return seconds


async def holds_payment(session: AsyncSession, co: Checkout, payment_id: str) -> bool:
    """True when the settlement gate already booked ``payment_id`` on this checkout (so a
    Razorpay callback that arrives after the webhook answers ``paid``, not "closed")."""
    found = await session.scalar(
        select(Payment.id).where(
            Payment.checkout_id == co.id,
            Payment.gateway == co.gateway,
            Payment.gateway_payment_id == payment_id,
            Payment.status == "captured",
        )
    )
    return found is not None


async def by_idempotency_key(session: AsyncSession, key: str) -> Checkout | None:
    found: Checkout | None = await session.scalar(
        select(Checkout).where(Checkout.idempotency_key == key)
    )
    return found


async def create_checkout(
    session: AsyncSession,
    req: NewCheckout,
    *,
    idempotency_key: str,
    request_fingerprint: str,
    now: datetime,
    default_expires_in_s: int,
) -> Created:
    seconds = expiry_seconds(req, default_expires_in_s)
    try:
        quote = await catalogue.quote_cart(
            session, [(i.product_id, i.quantity) for i in req.items], req.discount_code, now=now
        )
    except CatalogueError as err:
        raise CheckoutError(422, err.code, err.message, err.details) from err
    if quote.rejection is not None:
        raise CheckoutError(
            422,
            "discount_rejected",
            f"discount code not applicable: {quote.rejection.value}",
            {"reason": quote.rejection.value},
        )
    problems = []
    for index, item in enumerate(req.items):
        fields = catalogue.product_fields(quote.products[item.product_id])
        for problem in validate_custom_data(fields, item.custom_data):
            problems.append({"item": index, **problem.model_dump()})
    if problems:
        raise CheckoutError(422, "invalid_custom_data", "custom_data is invalid", problems)

    checkout_id, order_id = new_id("co"), new_id("ord")
    totals = quote.totals
    if quote.code is not None and not await discounts.take_use(
        session, discount_code_id=quote.code.id, checkout_id=checkout_id, now=now
    ):
        raise CheckoutError(
            422,
            "discount_rejected",
            "discount code not applicable: max_uses_reached",
            {"reason": "max_uses_reached"},
        )
    token = "ct_" + secrets.token_urlsafe(24)
    order = Order(
        id=order_id,
        checkout_id=checkout_id,
        customer_id=req.customer_id,
        customer_email=req.customer_email,
        status="pending",
        gateway=req.gateway,
        currency=totals.total.currency,
        subtotal_minor=totals.subtotal.amount,
        discount_minor=totals.discount.amount,
        total_minor=totals.total.amount,
        captured_minor=0,
        refunded_minor=0,
        discount_code=quote.code.code if quote.code is not None else None,
    )
    session.add(order)
    await session.flush()
    for item in req.items:
        product = quote.products[item.product_id]
        session.add(
            OrderItem(
                id=new_id("oi"),
                order_id=order_id,
                product_id=product.id,
                product_name=product.name,
                category=product.category,
                unit_price_minor=product.price_minor,
                quantity=item.quantity,
                line_total_minor=product.price_minor * item.quantity,
                custom_data=item.custom_data,
            )
        )
    checkout = Checkout(
        id=checkout_id,
        idempotency_key=idempotency_key,
        request_fingerprint=request_fingerprint,
        order_id=order_id,
        customer_id=req.customer_id,
        customer_email=req.customer_email,
        gateway=req.gateway,
        flow=req.flow,
        status="created",
        currency=totals.total.currency,
        subtotal_minor=totals.subtotal.amount,
        discount_minor=totals.discount.amount,
        total_minor=totals.total.amount,
        discount_code_id=quote.code.id if quote.code is not None else None,
        client_token_hash=token_hash(token),
        expires_at=now + timedelta(seconds=seconds),
        success_url=req.success_url,
        request_metadata=dict(req.metadata),
        payer_details={},
        workflow_id=f"checkout-{checkout_id}",
    )
    session.add(checkout)
    await session.flush()
    return Created(checkout=checkout, order=order, client_token=token)
