"""What a checkout asks of a PSP and what the PSP's payable object is, across gateways.

:class:`CheckoutOrder` is what every gateway needs to open the payer's object (priced on
the server: one net total); :class:`GatewayObject` is what comes back, with the details a
payer's page needs (a Stripe ``client_secret``, a Razorpay ``key_id`` …) kept as opaque
strings so nothing above the gateway packages reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, Field


class GatewayObject(BaseModel):
    kind: str  # payment_intent | checkout_session | payment_link | razorpay_order
    object_id: str
    payer_details: dict[str, str] = Field(default_factory=dict)


@dataclass(frozen=True)
class CheckoutOrder:
    """One checkout, as a gateway opens its payable object for it."""

    checkout_id: str
    order_id: str
    flow: str
    amount_minor: int
    currency: str
    customer_email: str
    success_url: str | None
    expires_at: datetime
    created_at: datetime | None = None  # fixes time-relative PSP parameters across retries
    metadata: dict[str, str] = field(default_factory=dict)  # the request's, for the PSP
    #: The customer's PSP customer (our ``customers`` table), where their cards are saved.
    gateway_customer_id: str | None = None
    capture: str = "automatic"  # manual: the PSP only authorizes (CONTRACT 11.2)


@dataclass(frozen=True)
class SweptPayment:
    """A captured payment a reconciliation sweep found at the PSP for one of our objects."""

    object_type: str  # payment_intent | razorpay_payment
    payment_id: str
    gateway_object_id: str
    checkout_id: str | None
    amount_minor: int
    currency: str


@dataclass(frozen=True)
class SweptObject:
    """One of our recent PSP objects (it names a checkout and is old enough to judge).

    ``payable`` objects may be orphans; ``captured`` lists the money it holds.
    ``opened_by_other_flows``: the object may be one another flow's object opened (a
    Stripe PaymentIntent of a Session or Link), so a checkout of another flow governs it.
    """

    object_type: str
    object_id: str
    checkout_id: str
    status: str
    payable: bool
    amount_minor: int | None = None
    currency: str | None = None
    opened_by_other_flows: bool = False
    captured: tuple[SweptPayment, ...] = ()


@dataclass(frozen=True)
class OrphanClosed:
    """What making an orphan unpayable did: ``action`` taken (now unpayable), or the payer
    completed it meanwhile: ``paid`` (its payment, to route) or ``note`` (its payment is
    swept on its own); else it is still ``status`` and could not be closed."""

    status: str
    action: str | None = None
    paid: SweptPayment | None = None
    note: str | None = None


@dataclass(frozen=True)
class SweptSubscription:
    """One of our PSP subscriptions (it names a subscription id) and what the PSP says."""

    object_id: str
    subscription_id: str
    status: str
    live: bool  # the PSP charges (or trials) it: our row must not still wait for payment


@dataclass
class SweptWindow:
    """Everything a sweep saw at one PSP in its window, and how many it read of each kind
    (``examined``: ``payment_intent``, ``checkout_session``, ``payment_link``,
    ``razorpay_order``, ``subscription``, ``failed_delivery_event`` ...)."""

    objects: list[SweptObject] = field(default_factory=list)
    subscriptions: list[SweptSubscription] = field(default_factory=list)
    # (event id, id of the object it reports) of the events whose delivery failed
    failed_events: list[tuple[str, str]] = field(default_factory=list)
    examined: dict[str, int] = field(default_factory=dict)

    def saw(self, kind: str, n: int = 1) -> None:
        self.examined[kind] = self.examined.get(kind, 0) + n
