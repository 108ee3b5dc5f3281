"""Where a PSP object carries its client's tags (Stripe's ``metadata``, Razorpay's
``notes``): the ids a client stamped on the objects it made."""

from __future__ import annotations

from typing import Any

Obj = dict[str, Any]


def tags(obj: Obj, key: str) -> dict[str, Any]:
    """The object's ``key`` mapping (``metadata`` or ``notes``); empty when absent."""
    found = obj.get(key)
    return found if isinstance(found, dict) else {}
