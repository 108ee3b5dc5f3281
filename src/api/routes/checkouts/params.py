"""The checkout routes' path and header parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Path

CheckoutId = Annotated[str, Path(min_length=1, max_length=40)]
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=255)]
