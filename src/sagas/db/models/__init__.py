"""All tables, imported here so Alembic's metadata sees every model."""

from sagas.db.models.catalogue import DiscountCode, DiscountRedemption, Product
from sagas.db.models.checkouts import Checkout
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, OrderItem, Payment
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Plan, Subscription, SubscriptionPeriod, TrialUsage  # noqa: F401
from sagas.db.models.webhooks import WebhookDelivery, WebhookEvent  # noqa: F401

__all__ = [
    "Checkout",
    "DiscountCode",
    "DiscountRedemption",
    "LedgerEntry",
    "Order",
    "OrderItem",
    "Payment",
    "Product",
    "Refund",
]
