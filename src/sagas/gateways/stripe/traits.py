"""What Stripe does, as plain data (readable inside a workflow: no SDK import)."""

from __future__ import annotations

from sagas.gateways.protocols.limits import ExpiryBounds, MetadataLimits
from sagas.gateways.protocols.traits import GatewayTraits

#: Stripe accepts a Checkout Session that expires 30 min to 24 h after its creation.
SESSION_MIN_S = 30 * 60
SESSION_MAX_S = 24 * 3600
#: An object's metadata holds 50 pairs of at most 500 characters.
METADATA = MetadataLimits(max_pairs=50, max_value_len=500, label="Stripe metadata")

TRAITS = GatewayTraits(
    name="stripe",
    flows=frozenset({"payment_intent", "checkout_session", "payment_link"}),
    reusable_flows=frozenset({"payment_link"}),
    expiry_bounds={
        "checkout_session": ExpiryBounds(SESSION_MIN_S, SESSION_MAX_S, "a Checkout Session")
    },
    charges_dunning_retries=True,
    plan_ref_field="stripe_price_id",
    dispute_evidence_max=20_000,
    metadata_limits=METADATA,
)
