"""Everything of ours Razorpay created in a window, kind by kind."""

from __future__ import annotations

import razorpay

from sagas.domain.gateway_objects import SweptWindow
from sagas.gateways.razorpay.sweeps.orders import _orders
from sagas.gateways.razorpay.sweeps.subscriptions import _subscriptions


async def objects_in_window(client: razorpay.Client, *, gte: int, lte: int) -> SweptWindow:
    window = SweptWindow()
    await _orders(client, window, gte, lte)
    await _subscriptions(client, window, gte, lte)
    return window
