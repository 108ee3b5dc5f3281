"""A new checkout's order and order lines, written from its priced cart."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.orders import Order, OrderItem
from sagas.services.catalogue.quotes import Quote
from sagas.services.checkouts.requests import NewCheckout


async def add_order(
    session: AsyncSession, req: NewCheckout, quote: Quote, order_id: str, checkout_id: str
) -> Order:
    totals = quote.totals
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
    return order
