"""Small helpers shared by the simulator tests."""

from __future__ import annotations

from typing import Any, TypeVar

from pspsim.testing import SimHandle

from .stripe_schema import validate_operation

T = TypeVar("T")


def control(sim: SimHandle, method: str, path: str, body: Any = None) -> Any:
    """Call the control API and insist on a 200."""
    response = sim.control(method, path, body)
    assert response.status_code == 200, response.text
    return response.json()


def check(operation_id: str, obj: T) -> T:
    """Validate the raw body the SDK received against the operation's 200 schema."""
    last = getattr(obj, "last_response", None)
    assert last is not None, "not an SDK response"
    validate_operation(operation_id, last.data)
    return obj
