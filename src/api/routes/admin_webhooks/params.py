"""The audit log routes' path and filter parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from sagas.db.models.webhooks import DeliveryResult

ResultFilter = Annotated[str, Query(pattern="^(" + "|".join(DeliveryResult.ALL) + ")$")]
DeliveryId = Annotated[str, Path(min_length=1, max_length=40)]
