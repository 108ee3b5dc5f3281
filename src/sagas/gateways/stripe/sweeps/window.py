"""Everything of ours Stripe created in a window, kind by kind."""

from __future__ import annotations

import stripe

from sagas.domain.gateway_objects import (
    SweptWindow,
)
from sagas.gateways.stripe.sweeps.events import _failed_events
from sagas.gateways.stripe.sweeps.intents import _intents
from sagas.gateways.stripe.sweeps.sessions import _sessions
from sagas.gateways.stripe.sweeps.subscriptions import _subscriptions


async def objects_in_window(client: stripe.StripeClient, *, gte: int, lte: int) -> SweptWindow:
    window = SweptWindow()
    await _intents(client, window, gte, lte)
    await _sessions(client, window, gte, lte)
    await _subscriptions(client, window, gte, lte)
    await _failed_events(client, window, gte, lte)
    return window
