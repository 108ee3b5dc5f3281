"""Refusing bool/number swaps in request bodies."""

from __future__ import annotations

from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel


def _scalar(annotation: Any) -> Any:
    """``bool`` from ``bool | None`` or ``Annotated[bool, ...]``; else the annotation."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    origin = get_origin(annotation)
    if origin is Annotated or (origin in (Union, UnionType) and len(args) == 1):
        return _scalar(args[0])
    return annotation


def refuse_bool_number_swaps(model: type[BaseModel], data: Any) -> Any:
    """JSON ``true`` is not ``1`` and ``0`` is not ``false``: the schema says which it is.

    Pydantic's lax mode would take either for the other; strict mode on the whole model
    would also refuse ISO timestamps and enum values in FastAPI's Python-mode validation.
    """
    if not isinstance(data, dict):
        return data
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key not in data or data[key] is None:
            continue
        kind, value = _scalar(field.annotation), data[key]
        if kind is bool and not isinstance(value, bool):
            raise ValueError(f"{key} must be true or false")
        if kind in (int, float) and isinstance(value, bool):
            raise ValueError(f"{key} must be a number, not {str(value).lower()}")
    return data
