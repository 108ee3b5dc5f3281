"""The reconciliation sweep's input."""

from __future__ import annotations

from pydantic import BaseModel, Field

_MONTH = 30 * 24 * 3600


class ReconcileInput(BaseModel):
    """Thresholds of one sweep. The defaults suit the schedule; a test or an operator
    narrows them (an ``older_than_s`` of 0 also sweeps objects created a moment ago)."""

    # Rows per database finder. The PSP side reads everything in the window, paged.
    limit: int = Field(default=100, ge=1, le=500)
    older_than_s: int = Field(default=300, ge=0, le=_MONTH)  # ignore younger objects/rows
    checkout_grace_s: int = Field(default=120, ge=0, le=_MONTH)  # past expires_at: nudge
    refund_pending_s: int = Field(default=900, ge=0, le=_MONTH)  # pending longer than this
    webhook_failed_older_than_s: int = Field(default=120, ge=0, le=_MONTH)  # PSP retries first
    lookback_s: int = Field(default=7 * 24 * 3600, ge=60, le=3 * _MONTH)  # PSP lists go back
    # A live subscription row untouched this long whose workflow is gone is restarted.
    subscription_idle_s: int = Field(default=300, ge=0, le=_MONTH)
