"""DisputeWorkflow's name and its workflow id, one per PSP dispute."""

from __future__ import annotations

WORKFLOW_NAME = "DisputeWorkflow"


def dispute_workflow_id(gateway: str, gateway_dispute_id: str) -> str:
    return f"dispute-{gateway}-{gateway_dispute_id}"
