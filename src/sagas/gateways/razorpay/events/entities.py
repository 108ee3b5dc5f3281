"""Reading a Razorpay envelope's entity and our ids from its notes ([] when empty)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sagas.gateways.event_errors import IgnoredEvent
from sagas.gateways.event_fields import as_str

Obj = Mapping[str, Any]


def _note(notes: Any, key: str) -> str | None:
    if notes is None or (isinstance(notes, list) and not notes):
        return None
    if not isinstance(notes, Mapping):
        raise IgnoredEvent(f"notes is {type(notes).__name__}, expected an object")
    value = notes.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IgnoredEvent(f"notes.{key} is {type(value).__name__}, expected a string")
    return value


def _ours(entity: Obj) -> dict[str, str | None]:
    notes = entity.get("notes")
    return {k: _note(notes, k) for k in ("checkout_id", "refund_id", "subscription_id")}


def _entity(envelope: Obj, name: str) -> Obj:
    payload = envelope.get("payload")
    wrapper = payload.get(name) if isinstance(payload, Mapping) else None
    entity = wrapper.get("entity") if isinstance(wrapper, Mapping) else None
    if not isinstance(entity, Mapping) or not as_str(entity.get("id")):
        raise IgnoredEvent(f"event carries no payload.{name}.entity with an id")
    return entity


Extractor = Callable[[Obj], tuple[str, dict[str, Any]]]
