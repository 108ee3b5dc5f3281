"""Checkout test helpers: seed the catalogue through the models, drive the API and the
simulator's payer controls, and wait (bounded) for a checkout to reach a status."""

from __future__ import annotations

import secrets
from typing import Any

import httpx
from sqlalchemy import select

from sagas.db.ids import new_id
from sagas.db.models.checkouts import Checkout
from sagas.db.models.discounts import DiscountCode
from sagas.db.models.events import Event
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order
from sagas.db.models.products import Product
from sagas.deps import Deps
from tests.conftest import ADMIN, SERVICE
from tests.support.net import eventually


async def make_product(
    deps: Deps,
    *,
    price: int = 5000,
    currency: str = "USD",
    category: str = "books",
    custom_fields: list[dict[str, Any]] | None = None,
) -> str:
    async with deps.sessions() as session, session.begin():
        product = Product(
            id=new_id("prod"),
            name=f"Thing {secrets.token_hex(2)}",
            price_minor=price,
            currency=currency,
            category=category,
            custom_fields=custom_fields or [],
            active=True,
        )
        session.add(product)
    return product.id


async def make_discount(deps: Deps, *, percent_off: int = 10, max_uses: int | None = None) -> str:
    code = f"SAVE{secrets.token_hex(4).upper()}"
    async with deps.sessions() as session, session.begin():
        session.add(
            DiscountCode(
                id=new_id("dc"),
                code=code,
                percent_off=percent_off,
                max_uses=max_uses,
                uses=0,
                active=True,
            )
        )
    return code


async def discount_uses(deps: Deps, code: str) -> int:
    async with deps.sessions() as session:
        row = await session.scalar(select(DiscountCode).where(DiscountCode.code == code))
        assert row is not None
        return row.uses


def body(
    product_id: str,
    *,
    gateway: str = "stripe",
    flow: str = "payment_intent",
    quantity: int = 2,
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "customer_id": "cust_1",
        "customer_email": "buyer@example.com",
        "items": [{"product_id": product_id, "quantity": quantity, "custom_data": {}}],
        "gateway": gateway,
        "flow": flow,
    }
    data.update(extra)
    return data


async def create(
    api: httpx.AsyncClient,
    data: dict[str, Any],
    key: str | None = None,
    *,
    timeout_s: float | None = None,
) -> httpx.Response:
    headers = {**SERVICE, "Idempotency-Key": key or secrets.token_hex(8)}
    if timeout_s is None:
        return await api.post("/v1/checkouts", json=data, headers=headers)
    return await api.post("/v1/checkouts", json=data, headers=headers, timeout=timeout_s)


async def rows(deps: Deps, checkout_id: str) -> tuple[Checkout, Order]:
    async with deps.sessions() as session:
        co = await session.get(Checkout, checkout_id)
        assert co is not None
        order = await session.get(Order, co.order_id)
        assert order is not None
        return co, order


async def ledger(deps: Deps, order_id: str) -> list[LedgerEntry]:
    async with deps.sessions() as session:
        found = await session.scalars(select(LedgerEntry).where(LedgerEntry.order_id == order_id))
        return list(found)


async def event_types(deps: Deps, *object_ids: str) -> list[str]:
    """The merchant events written for these objects, in feed order."""
    async with deps.sessions() as session:
        found = await session.scalars(
            select(Event.type).where(Event.object_id.in_(object_ids)).order_by(Event.sequence)
        )
        return list(found)


async def wait_status(
    deps: Deps,
    checkout_id: str,
    *statuses: str,
    timeout: float = 40,
) -> tuple[Checkout, Order]:
    async def probe() -> tuple[Checkout, Order] | None:
        co, order = await rows(deps, checkout_id)
        return (co, order) if co.status in statuses else None

    found: tuple[Checkout, Order] = await eventually(
        probe, timeout=timeout, interval=0.3, message=f"checkout never became {statuses}"
    )
    return found


async def sim_post(sim: Any, path: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=15) as client:
        resp = await client.post(f"{sim.base_url}/_sim{path}", json=data or {})
    assert resp.status_code < 300, resp.text
    result: dict[str, Any] = resp.json()
    return result


async def sim_get(sim: Any, path: str) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=15) as client:
        resp = await client.get(f"{sim.base_url}/_sim{path}")
    assert resp.status_code < 300, resp.text
    result: dict[str, Any] = resp.json()
    return result


__all__ = ["ADMIN", "SERVICE"]
