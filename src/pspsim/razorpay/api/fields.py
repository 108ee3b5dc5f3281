"""Field helpers for Razorpay entities: a collection, `notes`, a required integer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.razorpay.errors import RazorpayError
from pspsim.store import Obj, render

if TYPE_CHECKING:
    pass


def collection(items: list[Obj]) -> Obj:
    return {"entity": "collection", "count": len(items), "items": [render(i) for i in items]}


def notes(value: Any) -> Any:
    """Razorpay answers an empty `notes` as `[]`, a filled one as an object."""
    if not value:
        return []
    if not isinstance(value, dict) or len(value) > 15:
        raise RazorpayError("notes should be an object of at most 15 keys", field="notes")
    for key, item in value.items():
        if len(str(item)) > 256:
            raise RazorpayError(f"notes.{key} must be at most 256 characters", field="notes")
    return dict(value)


def req_int(params: dict[str, Any], name: str) -> int:
    value = params.get(name)
    if value is None or value == "":
        raise RazorpayError(f"The {name} field is required.", field=name)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise RazorpayError(f"The {name} must be an integer.", field=name) from None
