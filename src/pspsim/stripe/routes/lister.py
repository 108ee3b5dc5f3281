"""The handler the plain list routes share: Stripe's list envelope over one object kind."""

from __future__ import annotations

from pspsim.stripe import listing
from pspsim.stripe.api.running import Handler


def lister(kind: str) -> Handler:
    return lambda sim, params: listing.list_objects(sim, kind, params)
