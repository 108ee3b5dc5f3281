"""Asking what a discount code would take off a cart, and the answer."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from api.schemas.catalogue.fields import Code, ProductId
from api.schemas.common.bases import Output, StrictInput
from api.schemas.common.money import MoneyOut


class CartItemIn(StrictInput):
    product_id: ProductId
    quantity: Annotated[int, Field(strict=True, ge=1, le=10_000)]


class DiscountValidateRequest(StrictInput):
    code: Code
    items: Annotated[list[CartItemIn], Field(min_length=1, max_length=100)]


class DiscountValidateResponse(Output):
    """``valid`` with the ``discount`` it would take off, or the ``reason`` it would not.

    ``reason`` is one of ``unknown_code``, ``inactive``, ``expired``, ``max_uses_reached``,
    ``currency_mismatch``. When invalid, ``total`` equals ``subtotal``.
    """

    valid: bool
    discount: MoneyOut | None
    reason: str | None
    subtotal: MoneyOut
    total: MoneyOut
