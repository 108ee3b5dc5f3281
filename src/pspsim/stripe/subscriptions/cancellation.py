"""How a subscription ends at once: cancelled on request, or for non-payment when
Stripe's retries run out; both send `customer.subscription.deleted`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params
from pspsim.stripe.subscriptions.lookup import get

if TYPE_CHECKING:
    from pspsim.state import Sim


def end_unpaid(sim: Sim, sub_id: str) -> None:
    """Stripe's retries ran out: the subscription is canceled for non-payment."""
    sub = sim.store.stripe.get(sub_id)
    if sub is None or sub["status"] == "canceled":
        return
    ts = sim.clock.now()
    sub.update(status="canceled", canceled_at=ts, ended_at=ts)
    sub["cancellation_details"]["reason"] = "payment_failed"
    events.emit(sim, "customer.subscription.deleted", sub)


def cancel(sim: Sim, sub_id: str, params: Params | None = None) -> Obj:
    sub = get(sim, sub_id)
    if sub["status"] == "canceled":
        raise invalid(
            "A canceled subscription can only update its cancellation_details and metadata."
        )
    ts = sim.clock.now()
    sub.update(status="canceled", canceled_at=ts, ended_at=ts)
    sub["cancellation_details"]["reason"] = "cancellation_requested"
    events.emit(sim, "customer.subscription.deleted", sub)
    return sub
