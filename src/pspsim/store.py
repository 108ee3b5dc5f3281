"""In-memory state of both PSPs; it lives as long as the process.

Objects are kept as the JSON dicts the API returns. Keys starting with `_` are internal
bookkeeping (which session owns a PaymentIntent, for example) and are stripped when an
object is rendered.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]


def _strip(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if not str(k).startswith("_")}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return copy.copy(node)


def render(obj: Obj) -> Obj:
    """A deep copy of `obj` without internal `_` keys (at any depth), ready to be sent."""
    result: Obj = _strip(obj)
    return result


@dataclass
class Store:
    """All objects by id, one namespace per gateway (their ids never clash by prefix)."""

    stripe: dict[str, Obj] = field(default_factory=dict)
    razorpay: dict[str, Obj] = field(default_factory=dict)
    stripe_events: list[Obj] = field(default_factory=list)
    razorpay_events: list[Obj] = field(default_factory=list)
    #: (gateway, subscription id) of every subscription, for the billing engine's scan.
    billed: list[tuple[str, str]] = field(default_factory=list)

    def clear(self) -> None:
        self.billed.clear()
        self.stripe.clear()
        self.razorpay.clear()
        self.stripe_events.clear()
        self.razorpay_events.clear()
