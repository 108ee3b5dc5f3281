"""One PSP's traits and its implementation of each capability it supports."""

from __future__ import annotations

from dataclasses import dataclass

from sagas.gateways.protocols.captures import CaptureGateway
from sagas.gateways.protocols.checkout import CheckoutGateway
from sagas.gateways.protocols.customers import CustomerGateway
from sagas.gateways.protocols.disputes import DisputeGateway
from sagas.gateways.protocols.events import EventGateway
from sagas.gateways.protocols.payments import PaymentReadGateway
from sagas.gateways.protocols.refunds import RefundGateway
from sagas.gateways.protocols.subscriptions import SubscriptionGateway
from sagas.gateways.protocols.sweeps import SweepGateway
from sagas.gateways.protocols.traits import GatewayTraits


@dataclass(frozen=True)
class PaymentGateway:
    """One PSP: its traits and its implementation of each capability it supports
    (``capture`` is None where the PSP cannot capture authorizations)."""

    traits: GatewayTraits
    checkout: CheckoutGateway
    payments: PaymentReadGateway
    refunds: RefundGateway
    subscriptions: SubscriptionGateway
    customers: CustomerGateway
    events: EventGateway
    sweeps: SweepGateway
    capture: CaptureGateway | None = None
    disputes: DisputeGateway | None = None

    @property
    def name(self) -> str:
        return self.traits.name
