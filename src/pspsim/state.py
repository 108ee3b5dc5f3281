"""The simulator's one composition root: config, stores, faults, timers, webhooks.

Handlers reach it as `request.app.state.sim`. Everything runs on the server's event
loop (all routes are `async def`), so state changes need no locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pspsim.clock import SimClock
from pspsim.config import SimConfig
from pspsim.faults.settings import Faults
from pspsim.ids import IdFactory
from pspsim.store import Store
from pspsim.timers import Timers
from pspsim.webhooks.dispatcher import WebhookDispatcher

UNSET: Any = object()


@dataclass
class RefundBehaviour:
    """How the next refunds of a gateway behave (scripted by `PUT /_sim/refund_behaviour`).

    `sync_status` is what the create call answers (None: the PSP's own pending state);
    `final_status` is where the refund settles; `settle_after_s` None means it settles
    only by a control call.
    """

    sync_status: str | None
    final_status: str
    settle_after_s: float | None

    def public(self) -> dict[str, Any]:
        return {
            "sync_status": self.sync_status,
            "final_status": self.final_status,
            "settle_after_s": self.settle_after_s,
        }


class Sim:
    """State and services of one running simulator."""

    def __init__(self, config: SimConfig) -> None:
        self.config = config
        self.clock = SimClock(config.seconds_per_day)
        self.ids = IdFactory(config.seed)
        self.store = Store()
        self.faults = Faults()
        self.timers = Timers()
        self.webhook_urls: dict[str, str | None] = {
            "stripe": config.stripe_webhook_url,
            "razorpay": config.razorpay_webhook_url,
        }
        self.webhooks = WebhookDispatcher(self)
        self.base_url = config.public_base_url or f"http://{config.host}:{config.port}"
        self.idempotency: dict[tuple[str, str], dict[str, Any]] = {}
        self.refund_behaviour: dict[str, RefundBehaviour] = {}
        self.reset_refund_behaviour()

    def reset_refund_behaviour(self) -> None:
        settle = self.config.refund_settle_after_s
        self.refund_behaviour = {
            "stripe": RefundBehaviour(None, "succeeded", settle),
            "razorpay": RefundBehaviour(None, "processed", settle),
        }

    def reset(self) -> None:
        """Forget every object, event, key, fault and delivery; keep config and endpoints."""
        self.timers.cancel_all()
        self.clock.reset()
        self.store.clear()
        self.idempotency.clear()
        self.webhooks.reset()
        self.faults = Faults()
        self.reset_refund_behaviour()

    def page_url(self, path: str) -> str:
        return f"{self.base_url.rstrip('/')}{path}"
