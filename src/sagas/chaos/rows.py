"""Our database's side of a campaign, as the checker reads it: the checked checkouts and
their orders, payments, refunds, the discount code and its redemptions, the
subscriptions (the invariants in :mod:`.checks` judge them, reading nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.models.checkouts import Checkout
from sagas.db.models.discounts import DiscountCode, DiscountRedemption
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription

PAID_ORDER = {"paid", "fulfilled", "partially_refunded", "refunded"}
TERMINAL_CHECKOUT = {"fulfilled", "expired", "cancelled", "failed"}
TERMINAL_ORDER = {"fulfilled", "partially_refunded", "refunded", "expired", "cancelled", "failed"}


@dataclass
class Db:
    checkouts: dict[str, Checkout]
    orders: dict[str, Order]  # by id
    payments: list[Payment]
    refunds: list[Refund]
    code: DiscountCode
    redemptions: list[DiscountRedemption]
    subscriptions: list[Subscription]

    @classmethod
    async def read(
        cls,
        sessions: async_sessionmaker[AsyncSession],
        checkout_ids: set[str],
        code: str,
        subscription_ids: set[str] | None = None,
    ) -> Db:
        async with sessions() as s:
            cos = list(await s.scalars(select(Checkout).where(Checkout.id.in_(checkout_ids))))
            order_ids = {c.order_id for c in cos}
            orders = list(await s.scalars(select(Order).where(Order.id.in_(order_ids))))
            pays = list(await s.scalars(select(Payment).where(Payment.order_id.in_(order_ids))))
            refunds = list(await s.scalars(select(Refund).where(Refund.order_id.in_(order_ids))))
            dc = await s.scalar(select(DiscountCode).where(DiscountCode.code == code))
            assert dc is not None
            reds = list(
                await s.scalars(
                    select(DiscountRedemption).where(DiscountRedemption.discount_code_id == dc.id)
                )
            )
            subs = list(
                await s.scalars(
                    select(Subscription).where(Subscription.id.in_(subscription_ids or set()))
                )
            )
        orders_by_id = {o.id: o for o in orders}
        return cls({c.id: c for c in cos}, orders_by_id, pays, refunds, dc, reds, subs)

    def order_of(self, checkout_id: str) -> Order:
        return self.orders[self.checkouts[checkout_id].order_id]

    def captured_payment(self, order_id: str) -> list[Payment]:
        return [p for p in self.payments if p.order_id == order_id and p.status == "captured"]
