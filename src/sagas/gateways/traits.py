"""Every PSP's :class:`~sagas.gateways.protocols.traits.GatewayTraits` by gateway name: plain
data, importable inside a workflow (nothing here imports an SDK)."""

from __future__ import annotations

from sagas.gateways.protocols.traits import GatewayTraits
from sagas.gateways.razorpay.traits import TRAITS as RAZORPAY
from sagas.gateways.stripe.traits import TRAITS as STRIPE

TRAITS: dict[str, GatewayTraits] = {t.name: t for t in (STRIPE, RAZORPAY)}
#: No PSP (a free subscription): it offers nothing.
NONE = GatewayTraits(name="", flows=frozenset())


def traits_of(gateway: str | None) -> GatewayTraits:
    """The gateway's traits; an unknown or missing gateway has none."""
    return TRAITS.get(gateway or "", NONE)


def flows_by_gateway() -> dict[str, set[str]]:
    return {name: set(t.flows) for name, t in TRAITS.items()}
