"""The endpoint routes' path parameter and documented 404."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path

EndpointId = Annotated[str, Path(min_length=1, max_length=40)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "unknown endpoint"}}
