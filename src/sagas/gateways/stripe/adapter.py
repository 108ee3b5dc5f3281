"""The base of every Stripe adapter: the client is looked up per call, so an unconfigured
Stripe fails the call that needs it (``GatewayNotConfigured``), not the process."""

from __future__ import annotations

import stripe

from sagas.gateways.clients import GatewayClients


class StripeAdapter:
    def __init__(self, clients: GatewayClients) -> None:
        self._clients = clients

    @property
    def client(self) -> stripe.StripeClient:
        return self._clients.require_stripe()
