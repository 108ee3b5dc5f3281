"""The gateway registry: every PSP package by name, and its :class:`PaymentGateway`.

Callers (activities, services, the webhook pipeline, reconciliation) ask the registry for
``registry.get(name).<capability>`` and never branch on a PSP's name. Adding a PSP is
adding its package and one line in :data:`PACKAGES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sagas.gateways.clients import GatewayClients
from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.protocols.events import EventGateway
from sagas.gateways.protocols.gateway import PaymentGateway
from sagas.gateways.protocols.payer_callback import PayerCallbackGateway
from sagas.gateways.razorpay import gateway as razorpay
from sagas.gateways.razorpay.callbacks import CALLBACKS as RAZORPAY_CALLBACKS
from sagas.gateways.razorpay.events.adapter import EVENTS as RAZORPAY_EVENTS
from sagas.gateways.stripe import gateway as stripe
from sagas.gateways.stripe.events.adapter import EVENTS as STRIPE_EVENTS
from sagas.settings import Settings


@dataclass(frozen=True)
class GatewayPackage:
    """How the registry reaches one PSP package."""

    build: Callable[[GatewayClients], PaymentGateway]
    configured: Callable[[Settings], bool]
    has_client: Callable[[GatewayClients], bool]
    events: EventGateway  # webhook intake needs no SDK client
    callbacks: PayerCallbackGateway | None = None  # nor does a payer's signed callback


#: In sweep order.
PACKAGES: dict[str, GatewayPackage] = {
    "stripe": GatewayPackage(stripe.build, stripe.configured, stripe.has_client, STRIPE_EVENTS),
    "razorpay": GatewayPackage(
        razorpay.build,
        razorpay.configured,
        razorpay.has_client,
        RAZORPAY_EVENTS,
        RAZORPAY_CALLBACKS,
    ),
}


class UnknownGateway(PermanentGatewayError):
    """A gateway name no package answers to."""


def is_configured(settings: Settings, gateway: str) -> bool:
    """True when the settings carry keys for ``gateway`` (False for an unknown one)."""
    package = PACKAGES.get(gateway)
    return package is not None and package.configured(settings)


def events_for(gateway: str) -> EventGateway:
    """The gateway's webhook intake (verify, identify, translate)."""
    package = PACKAGES.get(gateway)
    if package is None:
        raise UnknownGateway(f"no gateway named {gateway!r}", gateway=gateway)
    return package.events


def callbacks_for(gateway: str) -> PayerCallbackGateway | None:
    """The gateway's signed payer callback, or None when its payers never call back."""
    package = PACKAGES.get(gateway)
    return package.callbacks if package is not None else None


class GatewayRegistry:
    """One process's gateways, built over its SDK clients."""

    def __init__(self, clients: GatewayClients) -> None:
        self._clients = clients
        self._built = {name: pkg.build(clients) for name, pkg in PACKAGES.items()}

    def get(self, gateway: str) -> PaymentGateway:
        found = self._built.get(gateway)
        if found is None:
            raise UnknownGateway(f"no gateway named {gateway!r}", gateway=gateway)
        return found

    def with_clients(self) -> list[PaymentGateway]:
        """The gateways this process has keys for, in :data:`PACKAGES` order."""
        return [
            self._built[name] for name, pkg in PACKAGES.items() if pkg.has_client(self._clients)
        ]
