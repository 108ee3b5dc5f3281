"""What Razorpay does, as plain data (readable inside a workflow: no SDK import)."""

from __future__ import annotations

from sagas.gateways.protocols.limits import MetadataLimits
from sagas.gateways.protocols.traits import GatewayTraits

PERIODS = {"day": "daily", "week": "weekly", "month": "monthly", "year": "yearly"}


def unsupported_reason(interval: str, interval_count: int) -> str | None:
    """Why Razorpay cannot bill this plan, or None (daily plans need an interval ≥ 7)."""
    if interval not in PERIODS:
        return f"razorpay has no {interval} period"
    if interval == "day" and interval_count < 7:
        return "razorpay daily plans need an interval of at least 7 days"
    return None


#: An order's notes hold 15 pairs of at most 256 characters.
NOTES = MetadataLimits(max_pairs=15, max_value_len=256, label="Razorpay notes")


TRAITS = GatewayTraits(
    name="razorpay",
    flows=frozenset({"order"}),
    captures_authorized=True,
    verifies_payer_callback=True,
    plan_ref_field="razorpay_plan_id",
    plan_limits=unsupported_reason,
    dispute_evidence_max=1_000,
    metadata_limits=NOTES,
)
