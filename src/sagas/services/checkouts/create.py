"""Creating a checkout, in the caller's transaction, before its workflow starts.

One transaction validates the cart (products, custom data), prices it on the server,
takes the discount use, and writes the checkout, its order and the order lines, so the
API can answer with the ``order_id``. Nothing here talks to a PSP: the gateway object is
the workflow's first step. When a :class:`CheckoutError` is raised the caller rolls back
and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order
from sagas.services.checkouts.cart import priced_cart
from sagas.services.checkouts.checkout_row import new_checkout_row
from sagas.services.checkouts.discount_use import take_discount_use
from sagas.services.checkouts.expiry import expiry_seconds
from sagas.services.checkouts.order_rows import add_order
from sagas.services.checkouts.requests import NewCheckout
from sagas.services.checkouts.tokens import new_client_token, token_hash


@dataclass(frozen=True)
class Created:
    checkout: Checkout
    order: Order
    client_token: str


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
    quote = await priced_cart(session, req, now)
    checkout_id, order_id = new_id("co"), new_id("ord")
    await take_discount_use(session, quote, checkout_id, now)
    token = new_client_token()
    order = await add_order(session, req, quote, order_id, checkout_id)
    checkout = new_checkout_row(
        req,
        quote,
        ids=(checkout_id, order_id),
        idempotency=(idempotency_key, request_fingerprint),
        client_token_hash=token_hash(token),
        expires_at=now + timedelta(seconds=seconds),
    )
    session.add(checkout)
    await session.flush()
    return Created(checkout=checkout, order=order, client_token=token)
