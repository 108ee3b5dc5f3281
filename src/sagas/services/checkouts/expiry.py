"""A checkout's flow and lifetime, checked against what its gateway allows."""

from __future__ import annotations

from sagas.gateways.traits import flows_by_gateway, traits_of
from sagas.services.checkouts.errors import CheckoutError
from sagas.services.checkouts.requests import NewCheckout

FLOWS = flows_by_gateway()


def expiry_seconds(req: NewCheckout, default_s: int) -> int:
    if req.flow not in FLOWS.get(req.gateway, set()):
        raise CheckoutError(
            422,
            "validation_error",
            f"flow {req.flow!r} is not a {req.gateway} flow",
            {"allowed": sorted(FLOWS.get(req.gateway, set()))},
        )
    seconds = req.expires_in_s if req.expires_in_s is not None else default_s
    bounds = traits_of(req.gateway).expiry_bounds.get(req.flow)
    if bounds is not None and not bounds.min_s <= seconds <= bounds.max_s:
        raise CheckoutError(
            422,
            "validation_error",
            f"expires_in_s must be between {bounds.min_s} and {bounds.max_s} for {bounds.label}",
            {"field": "expires_in_s"},
        )
    return seconds
