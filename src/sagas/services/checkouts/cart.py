"""The cart of a new checkout, priced on the server and checked before anything is written."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.domain.custom_fields import validate_custom_data
from sagas.services.catalogue.errors import CatalogueError
from sagas.services.catalogue.product_reads import product_fields
from sagas.services.catalogue.quotes import Quote, quote_cart
from sagas.services.checkouts.errors import CheckoutError
from sagas.services.checkouts.requests import NewCheckout
from sagas.services.checkouts.totals import check_total


async def priced_cart(session: AsyncSession, req: NewCheckout, now: datetime) -> Quote:
    """The quote, with the discount applied, a chargeable total and valid custom data."""
    try:
        quote = await quote_cart(
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
    check_total(req.gateway, quote.totals.total)
    problems = []
    for index, item in enumerate(req.items):
        fields = product_fields(quote.products[item.product_id])
        for problem in validate_custom_data(fields, item.custom_data):
            problems.append({"item": index, **problem.model_dump()})
    if problems:
        raise CheckoutError(422, "invalid_custom_data", "custom_data is invalid", problems)
    return quote
