"""The base of every Razorpay adapter: the client is looked up per call, so an
unconfigured Razorpay fails the call that needs it (``GatewayNotConfigured``)."""

from __future__ import annotations

import razorpay

from sagas.gateways.clients import GatewayClients


class RazorpayAdapter:
    def __init__(self, clients: GatewayClients) -> None:
        self._clients = clients

    @property
    def client(self) -> razorpay.Client:
        return self._clients.require_razorpay()
