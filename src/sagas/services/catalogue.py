"""Catalogue reads and writes: products, discount codes, and the price of a cart.

Everything runs in the caller's session and transaction (the caller commits), so a
checkout can load its products and price its cart in the same transaction that takes a
discount use. Failures are typed :class:`CatalogueError` subclasses; the API maps them to
404/409/422 and nothing is written when one is raised.

Two rules worth knowing:
- a category is *known* when any product, active or not, has it; listing an unknown one
  is an error (a typo in a storefront's category must not look like an empty shelf);
- discount codes are case-sensitive and looked up exactly as stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.catalogue import DiscountCode, Product
from sagas.domain.custom_fields import CustomField
from sagas.domain.discounts import DiscountRejection, DiscountTerms, rejection_reason
from sagas.domain.money import Money
from sagas.domain.pricing import CartLine, CartTotals, Discount, PricingError, price_cart


class CatalogueError(Exception):
    """A catalogue request that cannot be honoured; ``code`` is stable for API clients."""

    code = "catalogue_error"

    def __init__(self, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ProductNotFound(CatalogueError):
    code = "not_found"


class UnknownCategory(CatalogueError):
    code = "unknown_category"


class UnknownProduct(CatalogueError):
    code = "unknown_product"


class InactiveProduct(CatalogueError):
    code = "product_inactive"


class UnpriceableCart(CatalogueError):
    """Empty cart, quantity < 1 or mixed currencies (``details['reason']`` says which)."""

    code = "invalid_cart"


class DuplicateDiscountCode(CatalogueError):
    code = "duplicate_code"


# -- products -----------------------------------------------------------------------


def product_fields(product: Product) -> list[CustomField]:
    """The product's custom fields as domain objects (for ``validate_custom_data``)."""
    return [CustomField.model_validate(raw) for raw in product.custom_fields or []]


def product_price(product: Product) -> Money:
    return Money(product.price_minor, product.currency)


def _fields_json(fields: Iterable[CustomField]) -> list[dict[str, Any]]:
    return [f.model_dump(mode="json") for f in fields]


async def create_product(
    session: AsyncSession,
    *,
    name: str,
    price: Money,
    category: str,
    custom_fields: Sequence[CustomField] = (),
    active: bool = True,
) -> Product:
    product = Product(
        id=new_id("prod"),
        name=name,
        price_minor=price.amount,
        currency=price.currency,
        category=category,
        custom_fields=_fields_json(custom_fields),
        active=active,
    )
    session.add(product)
    await session.flush()
    return product


async def update_product(
    session: AsyncSession, product_id: str, changes: dict[str, Any]
) -> Product:
    """Apply ``changes`` (keys: name, price, currency, category, custom_fields, active).

    Checkouts already started keep the amounts they computed; a change only affects
    carts priced after it.
    """
    product = await session.get(Product, product_id, with_for_update=True)
    if product is None:
        raise ProductNotFound(f"no product {product_id!r}")
    if "price" in changes or "currency" in changes:
        price = Money(
            changes.get("price", product.price_minor), changes.get("currency", product.currency)
        )
        product.price_minor, product.currency = price.amount, price.currency
    for key in ("name", "category", "active"):
        if key in changes:
            setattr(product, key, changes[key])
    if "custom_fields" in changes:
        product.custom_fields = _fields_json(changes["custom_fields"])
    await session.flush()
    await session.refresh(product)
    return product


async def get_product(session: AsyncSession, product_id: str) -> Product | None:
    return await session.get(Product, product_id)


async def category_exists(session: AsyncSession, category: str) -> bool:
    return bool(await session.scalar(select(exists().where(Product.category == category))))


async def list_active_products(
    session: AsyncSession,
    *,
    category: str | None,
    limit: int,
    after: tuple[datetime, str] | None = None,
) -> tuple[list[Product], bool]:
    """Active products oldest first, keyset-paginated on (created_at, id); has_more."""
    if category is not None and not await category_exists(session, category):
        raise UnknownCategory(
            f"unknown category {category!r}: no product has it", {"category": category}
        )
    stmt = select(Product).where(Product.active.is_(True))
    if category is not None:
        stmt = stmt.where(Product.category == category)
    if after is not None:
        stmt = stmt.where(tuple_(Product.created_at, Product.id) > tuple_(*after))
    stmt = stmt.order_by(Product.created_at, Product.id).limit(limit + 1)
    rows = list((await session.scalars(stmt)).all())
    return rows[:limit], len(rows) > limit


async def load_products(session: AsyncSession, ids: Iterable[str]) -> dict[str, Product]:
    """The products with these ids, active or not, keyed by id; missing ids are absent."""
    wanted = set(ids)
    if not wanted:
        return {}
    rows = await session.scalars(select(Product).where(Product.id.in_(wanted)))
    return {p.id: p for p in rows}


# -- discount codes -------------------------------------------------------------------


async def create_discount_code(
    session: AsyncSession,
    *,
    code: str,
    discount: Discount,
    max_uses: int | None,
    expires_at: datetime | None,
    active: bool,
) -> DiscountCode:
    if await get_discount_by_code(session, code) is not None:
        raise DuplicateDiscountCode(f"discount code {code!r} already exists", {"code": code})
    row = DiscountCode(
        id=new_id("dc"),
        code=code,
        percent_off=discount.percent_off,
        amount_off_minor=discount.amount_off.amount if discount.amount_off else None,
        currency=discount.amount_off.currency if discount.amount_off else None,
        max_uses=max_uses,
        uses=0,
        expires_at=expires_at,
        active=active,
    )
    try:
        async with session.begin_nested():  # a concurrent insert of the same code loses here
            session.add(row)
    except IntegrityError as err:
        raise DuplicateDiscountCode(
            f"discount code {code!r} already exists", {"code": code}
        ) from err
    return row


async def get_discount_by_code(session: AsyncSession, code: str) -> DiscountCode | None:
    found: DiscountCode | None = await session.scalar(
        select(DiscountCode).where(DiscountCode.code == code)
    )
    return found


def discount_terms(row: DiscountCode) -> DiscountTerms:
    return DiscountTerms(
        code=row.code,
        active=row.active,
        expires_at=row.expires_at,
        max_uses=row.max_uses,
        uses=row.uses,
        currency=row.currency if row.amount_off_minor is not None else None,
    )


def discount_of(row: DiscountCode) -> Discount:
    if row.percent_off is not None:
        return Discount(percent_off=row.percent_off)
    assert row.amount_off_minor is not None and row.currency is not None
    return Discount(amount_off=Money(row.amount_off_minor, row.currency))


# -- pricing --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quote:
    """A priced cart; ``rejection`` says why the code did not apply (None: it did)."""

    totals: CartTotals
    rejection: DiscountRejection | None
    code: DiscountCode | None
    products: dict[str, Product]


async def cart_lines(
    session: AsyncSession, items: Sequence[tuple[str, int]]
) -> tuple[list[CartLine], dict[str, Product]]:
    """Cart lines priced from the catalogue; unknown or inactive products are errors."""
    products = await load_products(session, (pid for pid, _ in items))
    missing = sorted({pid for pid, _ in items} - set(products))
    if missing:
        raise UnknownProduct(f"unknown product(s): {missing}", {"product_ids": missing})
    inactive = sorted({pid for pid, _ in items if not products[pid].active})
    if inactive:
        raise InactiveProduct(f"product(s) not for sale: {inactive}", {"product_ids": inactive})
    lines = [CartLine(pid, product_price(products[pid]), qty) for pid, qty in items]
    return lines, products


async def quote_cart(
    session: AsyncSession, items: Sequence[tuple[str, int]], code: str | None, *, now: datetime
) -> Quote:
    """Price ``items`` (product id, quantity) and, if given, try the discount ``code``."""
    lines, products = await cart_lines(session, items)
    try:
        undiscounted = price_cart(lines)
    except PricingError as err:
        raise UnpriceableCart(str(err), {"reason": err.code}) from err
    row = await get_discount_by_code(session, code) if code is not None else None
    if code is None:
        return Quote(undiscounted, None, None, products)
    terms = discount_terms(row) if row is not None else None
    rejection = rejection_reason(terms, cart_currency=undiscounted.subtotal.currency, now=now)
    if rejection is not None or row is None:
        return Quote(undiscounted, rejection, row, products)
    return Quote(price_cart(lines, discount_of(row)), None, row, products)
