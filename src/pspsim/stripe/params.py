"""Typed reads of decoded Stripe params, failing the way Stripe fails.

Form values arrive as strings; Stripe answers `Invalid integer: abc` and friends with
`param` set to the bracketed name, which the SDK exposes as `error.param`.
"""

from __future__ import annotations

from typing import Any

from pspsim.stripe.errors import invalid, missing_param

Params = dict[str, Any]

METADATA_MAX_KEYS = 50
METADATA_KEY_MAX = 40
METADATA_VALUE_MAX = 500


def opt_str(params: Params, name: str) -> str | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise invalid(f"Invalid string: {name}", param=name)
    return value


def req_str(params: Params, name: str) -> str:
    value = opt_str(params, name)
    if value is None:
        raise missing_param(name)
    return value


def opt_int(params: Params, name: str, *, label: str | None = None) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise invalid(f"Invalid integer: {value}", param=label or name) from None


def req_int(params: Params, name: str, *, label: str | None = None) -> int:
    value = opt_int(params, name, label=label)
    if value is None:
        raise missing_param(label or name)
    return value


def opt_bool(params: Params, name: str) -> bool | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    if value in ("true", True):
        return True
    if value in ("false", False):
        return False
    raise invalid(f"Invalid boolean: {value}", param=name)


def opt_dict(params: Params, name: str) -> dict[str, Any]:
    value = params.get(name)
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise invalid(f"Invalid hash: {name}", param=name)
    return value


def opt_list(params: Params, name: str) -> list[Any]:
    value = params.get(name)
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        return list(value.values())
    if not isinstance(value, list):
        raise invalid(f"Invalid array: {name}", param=name)
    return value


def metadata(params: Params, current: dict[str, str] | None = None) -> dict[str, str]:
    """Merge `metadata[...]` into `current`; an empty value unsets a key, as in Stripe."""
    result = dict(current or {})
    raw = params.get("metadata")
    if raw == "":
        return {}
    for key, value in opt_dict(params, "metadata").items():
        if not isinstance(value, str):
            raise invalid("Invalid metadata value", param=f"metadata[{key}]")
        if len(key) > METADATA_KEY_MAX:
            raise invalid(
                f"Metadata keys can have up to {METADATA_KEY_MAX} characters.",
                param=f"metadata[{key}]",
            )
        if len(value) > METADATA_VALUE_MAX:
            raise invalid(
                f"Metadata values can have up to {METADATA_VALUE_MAX} characters.",
                param=f"metadata[{key}]",
            )
        if value == "":
            result.pop(key, None)
        else:
            result[key] = value
    if len(result) > METADATA_MAX_KEYS:
        raise invalid(f"Metadata can have up to {METADATA_MAX_KEYS} keys.", param="metadata")
    return result


def currency(params: Params, name: str = "currency") -> str:
    value = req_str(params, name).lower()
    if len(value) != 3 or not value.isalpha():
        raise invalid(f"Invalid currency: {value}.", param=name)
    return value


def check_known(params: Params, allowed: set[str]) -> None:
    """Stripe rejects parameters it does not know; so do we, for the top level."""
    for name in params:
        if name not in allowed:
            raise invalid(
                f"Received unknown parameter: {name}", param=name, code="parameter_unknown"
            )
