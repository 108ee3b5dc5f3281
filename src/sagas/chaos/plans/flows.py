"""The four checkout flows, their gateways, and which can expire (or be paid late) in a campaign."""

from __future__ import annotations

from sagas.gateways.traits import traits_of

FLOW_GATEWAY = {
    "payment_intent": "stripe",
    "checkout_session": "stripe",
    "payment_link": "stripe",
    "order": "razorpay",
}


SHORT_EXPIRY_S = 5


def _gateway_of(flow: str) -> str:
    return FLOW_GATEWAY[flow]


def expires_within_campaign(flow: str) -> bool:
    """False where the PSP's shortest lifetime for the flow's object (a Checkout
    Session's 30 min) outlasts a campaign."""
    bounds = traits_of(_gateway_of(flow)).expiry_bounds.get(flow)
    return bounds is None or bounds.min_s <= SHORT_EXPIRY_S


def payable_after_expiry(flow: str) -> bool:
    """False for a reusable object (a Payment Link): its expiry is its deactivation,
    nothing is left to pay."""
    return flow not in traits_of(_gateway_of(flow)).reusable_flows
