"""All tables, imported here so Alembic's metadata sees every model."""

from sagas.db.models.captures import CaptureKey
from sagas.db.models.checkouts import Checkout
from sagas.db.models.customers import PspCustomer
from sagas.db.models.discounts import DiscountCode, DiscountRedemption
from sagas.db.models.disputes import Dispute
from sagas.db.models.events import (  # noqa: F401
    DeliveryAttempt,
    Event,
    EventCounter,
    EventDelivery,
    WebhookEndpoint,
)
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order, OrderItem, Payment
from sagas.db.models.products import Product
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Plan, Subscription, SubscriptionPeriod, TrialUsage  # noqa: F401
from sagas.db.models.webhooks import WebhookDelivery, WebhookEvent  # noqa: F401

__all__ = [
    "CaptureKey",
    "Checkout",
    "DiscountCode",
    "DiscountRedemption",
    "Dispute",
    "LedgerEntry",
    "Order",
    "OrderItem",
    "Payment",
    "Product",
    "PspCustomer",
    "Refund",
]
