"""Razorpay behind the gateway protocols, grouped by :func:`build`. The client is looked
up per call (:class:`.adapter.RazorpayAdapter`), so an unconfigured Razorpay fails the
call that needs it.

A checkout's object is an Order (it cannot be cancelled: a payment after the checkout
closed is refunded instead); payments (``pay_``) arrive authorized and are captured by
us; subscriptions retry a failed charge on Razorpay's own schedule.
"""

from __future__ import annotations

from sagas.gateways.clients import GatewayClients
from sagas.gateways.protocols.gateway import PaymentGateway
from sagas.gateways.razorpay.captures import RazorpayCapture
from sagas.gateways.razorpay.checkout import RazorpayCheckout
from sagas.gateways.razorpay.customers.adapter import RazorpayCustomers
from sagas.gateways.razorpay.disputes.adapter import RazorpayDisputes
from sagas.gateways.razorpay.events.adapter import EVENTS
from sagas.gateways.razorpay.payments import RazorpayPayments
from sagas.gateways.razorpay.refunds import RazorpayRefunds
from sagas.gateways.razorpay.subscriptions import RazorpaySubscriptions
from sagas.gateways.razorpay.sweeps.adapter import RazorpaySweeps
from sagas.gateways.razorpay.traits import TRAITS
from sagas.settings import Settings


def configured(settings: Settings) -> bool:
    return settings.razorpay_configured


def build(clients: GatewayClients) -> PaymentGateway:
    return PaymentGateway(
        traits=TRAITS,
        checkout=RazorpayCheckout(clients),
        payments=RazorpayPayments(clients),
        capture=RazorpayCapture(clients),
        refunds=RazorpayRefunds(clients),
        subscriptions=RazorpaySubscriptions(clients),
        customers=RazorpayCustomers(clients),
        events=EVENTS,
        sweeps=RazorpaySweeps(clients),
        disputes=RazorpayDisputes(clients),
    )


def has_client(clients: GatewayClients) -> bool:
    return clients.razorpay is not None
