"""Reading ids and our metadata keys from an untrusted Stripe object."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sagas.gateways.event_errors import IgnoredEvent

Obj = Mapping[str, Any]


def _id(value: Any) -> str | None:
    """An id field, which Stripe may also send expanded as an object."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, Mapping) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


def _meta(metadata: Any, key: str) -> str | None:
    if metadata is None:
        return None
    if not isinstance(metadata, Mapping):
        raise IgnoredEvent(f"metadata is {type(metadata).__name__}, expected an object")
    value = metadata.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IgnoredEvent(f"metadata.{key} is {type(value).__name__}, expected a string")
    return value


def _ours(metadata: Any) -> dict[str, str | None]:
    return {
        "checkout_id": _meta(metadata, "checkout_id"),
        "refund_id": _meta(metadata, "refund_id"),
        "subscription_id": _meta(metadata, "subscription_id"),
    }


Extractor = Callable[[Obj], dict[str, Any]]
