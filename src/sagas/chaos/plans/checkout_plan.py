"""One planned checkout: its flow, what the payer does, whether it carries the code."""

from __future__ import annotations

from dataclasses import dataclass

from .flows import SHORT_EXPIRY_S, _gateway_of, expires_within_campaign

#: The currency each gateway's checkouts are priced in (the catalogue has one per currency).
GATEWAY_CURRENCY = {"stripe": "USD", "razorpay": "INR"}


LONG_EXPIRY_S = 1800  # Stripe's minimum for a Session; these end by payment or cancellation


@dataclass(frozen=True)
class CheckoutPlan:
    index: int
    flow: str
    action: str
    discount: bool

    @property
    def gateway(self) -> str:
        return _gateway_of(self.flow)

    @property
    def currency(self) -> str:
        return GATEWAY_CURRENCY[self.gateway]

    @property
    def expires_in_s(self) -> int:
        short = self.action in ("abandon", "pay_after_expiry")
        return SHORT_EXPIRY_S if short and expires_within_campaign(self.flow) else LONG_EXPIRY_S
