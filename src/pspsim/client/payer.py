"""The payer's requests to the control API (``/_sim/...``), keyed by checkout flow or by
gateway: paying a checkout's object, paying a subscription's first charge.

Each answers a :class:`PayerRequest` (path and JSON body) for the caller's own HTTP client.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PayerRequest:
    path: str
    body: dict[str, Any]


@dataclass(frozen=True)
class _Route:
    path: str
    extra: dict[str, Any]

    def request(self, object_id: str, outcome: str) -> PayerRequest:
        return PayerRequest(self.path.format(object_id), {"outcome": outcome, **self.extra})


#: Paying a checkout's object, by flow (a Razorpay payment is captured at once).
_PAY_OBJECT = {
    "payment_intent": _Route("/_sim/stripe/payment_intents/{}/pay", {}),
    "checkout_session": _Route("/_sim/stripe/checkout/sessions/{}/pay", {}),
    "payment_link": _Route("/_sim/stripe/payment_links/{}/pay", {}),
    "order": _Route("/_sim/razorpay/orders/{}/pay", {"capture": "auto"}),
}
#: Paying a subscription's first charge (the payer's authentication), by gateway.
_PAY_FIRST_CHARGE = {
    "stripe": _Route("/_sim/stripe/subscriptions/{}/pay_first_invoice", {}),
    "razorpay": _Route("/_sim/razorpay/subscriptions/{}/authenticate_and_charge", {}),
}


def pay_object(flow: str, object_id: str, *, outcome: str = "succeed") -> PayerRequest:
    """The payer pays (or, with ``outcome="decline"``, fails to pay) a checkout's object."""
    return _PAY_OBJECT[flow].request(object_id, outcome)


def pay_first_charge(
    gateway: str, gateway_subscription_id: str, *, outcome: str = "succeed"
) -> PayerRequest:
    """The payer authorises a subscription and pays its first charge."""
    return _PAY_FIRST_CHARGE[gateway].request(gateway_subscription_id, outcome)
