"""SDK clients built from settings: the real ``stripe`` and ``razorpay`` SDKs, pointed at
the real PSPs or, via ``*_API_BASE``, at the simulator. Each PSP package builds its own
(:mod:`sagas.gateways.stripe.client`, :mod:`sagas.gateways.razorpay.client`); this holds
them for one process.
"""

from __future__ import annotations

from dataclasses import dataclass

from sagas.gateways.errors import GatewayNotConfigured
from sagas.gateways.razorpay import client as razorpay_client
from sagas.gateways.razorpay.client import RazorpayClient
from sagas.gateways.stripe import client as stripe_client
from sagas.gateways.stripe.client import StripeClient
from sagas.settings import Settings


@dataclass
class GatewayClients:
    stripe: StripeClient | None
    razorpay: RazorpayClient | None
    razorpay_key_id: str | None
    razorpay_key_secret: str | None

    @classmethod
    def from_settings(cls, settings: Settings) -> GatewayClients:
        rzp, secret = razorpay_client.build_client(settings)
        return cls(
            stripe=stripe_client.build_client(settings),
            razorpay=rzp,
            razorpay_key_id=settings.razorpay_key_id,
            razorpay_key_secret=secret,
        )

    def require_stripe(self) -> StripeClient:
        if self.stripe is None:
            raise GatewayNotConfigured("Stripe is not configured", gateway="stripe")
        return self.stripe

    def require_razorpay(self) -> RazorpayClient:
        if self.razorpay is None:
            raise GatewayNotConfigured("Razorpay is not configured", gateway="razorpay")
        return self.razorpay
