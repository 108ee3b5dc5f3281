"""A new SetupIntent as Stripe renders it, in `requires_payment_method`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events

if TYPE_CHECKING:
    from pspsim.state import Sim


def new(
    sim: Sim,
    *,
    customer: str | None,
    meta: dict[str, str],
    usage: str = "off_session",
    subscription: str | None = None,
) -> Obj:
    si_id = sim.ids.stripe("seti")
    si: Obj = {
        "id": si_id,
        "object": "setup_intent",
        "application": None,
        "automatic_payment_methods": None,
        "cancellation_reason": None,
        "client_secret": f"{si_id}_secret_{sim.ids.token(25)}",
        "created": sim.clock.now(),
        "customer": customer,
        "description": None,
        "flow_directions": None,
        "last_setup_error": None,
        "latest_attempt": None,
        "livemode": False,
        "mandate": None,
        "metadata": meta,
        "next_action": None,
        "on_behalf_of": None,
        "payment_method": None,
        "payment_method_configuration_details": None,
        "payment_method_options": {},
        "payment_method_types": ["card"],
        "single_use_mandate": None,
        "status": "requires_payment_method",
        "usage": usage,
        "_subscription": subscription,
        "_return_url": None,
    }
    sim.store.stripe[si_id] = si
    events.emit(sim, "setup_intent.created", si)
    return si
