"""One event bound for one gateway's endpoint, and what became of it so far."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Delivery:
    """One event bound for one gateway's endpoint."""

    gateway: str
    event_id: str
    type: str
    body: str
    on_success: Callable[[], None] | None = None
    not_before: float = 0.0
    delivered: bool = False
    attempts: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
