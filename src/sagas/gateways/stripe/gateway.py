"""Stripe behind the gateway protocols: one adapter per capability, grouped by
:func:`build`. The client is looked up per call (:class:`.adapter.StripeAdapter`), so an
unconfigured Stripe fails the call that needs it (``GatewayNotConfigured``), not the
process. Flows are dispatched in :mod:`.checkout`: a checkout's object is a
PaymentIntent, a Checkout Session or a Payment Link.
"""

from __future__ import annotations

from sagas.gateways.clients import GatewayClients
from sagas.gateways.protocols.gateway import PaymentGateway
from sagas.gateways.stripe.captures.adapter import StripeCapture
from sagas.gateways.stripe.checkout import StripeCheckout
from sagas.gateways.stripe.customers import StripeCustomers
from sagas.gateways.stripe.disputes.adapter import StripeDisputes
from sagas.gateways.stripe.events.adapter import EVENTS
from sagas.gateways.stripe.payments import StripePayments
from sagas.gateways.stripe.refunds.adapter import StripeRefunds
from sagas.gateways.stripe.subscriptions import StripeSubscriptions
from sagas.gateways.stripe.sweeps.adapter import StripeSweeps
from sagas.gateways.stripe.traits import TRAITS
from sagas.settings import Settings


def configured(settings: Settings) -> bool:
    return settings.stripe_configured


def build(clients: GatewayClients) -> PaymentGateway:
    return PaymentGateway(
        traits=TRAITS,
        checkout=StripeCheckout(clients),
        payments=StripePayments(clients),
        capture=StripeCapture(clients),
        refunds=StripeRefunds(clients),
        subscriptions=StripeSubscriptions(clients),
        customers=StripeCustomers(clients),
        events=EVENTS,
        sweeps=StripeSweeps(clients),
        disputes=StripeDisputes(clients),
    )


def has_client(clients: GatewayClients) -> bool:
    return clients.stripe is not None
