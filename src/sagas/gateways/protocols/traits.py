"""What a PSP does, as plain data a workflow may read (no SDK, no I/O)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sagas.gateways.protocols.limits import ExpiryBounds, MetadataLimits


@dataclass(frozen=True)
class GatewayTraits:
    """What a PSP does, as plain data: safe to read inside a workflow (no SDK, no I/O).

    ``flows`` are the checkout flows it offers; ``reusable_flows`` keep their object
    payable after a payment (the saga closes it once paid); ``captures_authorized``: an
    authorized payment is ours to capture; ``verifies_payer_callback``: its checkout
    page calls back with a signed payment the saga checks; ``charges_dunning_retries``:
    we charge a failed renewal again (else the PSP retries on its own schedule);
    ``plan_ref_field``: the plan column holding its price / plan id; ``plan_limits``:
    why it cannot bill a plan's period (None: it bills any); ``dispute_evidence_max``:
    the longest evidence text its dispute answer takes; ``metadata_limits``: what its
    checkout object's metadata holds (None: no limit beyond the API's own).
    """

    name: str
    flows: frozenset[str]
    reusable_flows: frozenset[str] = frozenset()
    expiry_bounds: Mapping[str, ExpiryBounds] = field(default_factory=dict)
    captures_authorized: bool = False
    verifies_payer_callback: bool = False
    charges_dunning_retries: bool = False
    plan_ref_field: str = ""
    plan_limits: Callable[[str, int], str | None] | None = None
    dispute_evidence_max: int = 0
    metadata_limits: MetadataLimits | None = None

    def unsupported_reason(self, interval: str, interval_count: int) -> str | None:
        """Why this PSP cannot bill a plan of that period, or None."""
        return self.plan_limits(interval, interval_count) if self.plan_limits else None
