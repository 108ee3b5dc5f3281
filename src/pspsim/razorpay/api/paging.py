"""Razorpay's integer query parameters and its `count`/`skip` paging of collections."""

from __future__ import annotations

from typing import Any

from pspsim.razorpay.api.fields import collection
from pspsim.razorpay.errors import bad_request
from pspsim.store import Obj


def int_param(params: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise bad_request(f"The {name} must be an integer.", name) from None
    if not low <= value <= high:
        raise bad_request(f"The {name} must be between {low} and {high}.", name)
    return value


def paged(items: list[Obj], params: dict[str, Any]) -> Obj:
    """One page: `count` (1..100, default 10) items after `skip`."""
    count = int_param(params, "count", 10, 1, 100)
    skip = int_param(params, "skip", 0, 0, 2**31)
    return collection(items[skip : skip + count])
