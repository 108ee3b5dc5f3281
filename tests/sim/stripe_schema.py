"""Validate simulator responses against Stripe's published OpenAPI subset (API 2023-08-16).

OpenAPI 3.0 is not JSON Schema: `nullable: true` sits beside `anyOf`/`enum`, and `$ref`
points into `#/components/schemas`. We rewrite each nullable schema S as
`{"anyOf": [{"type": "null"}, S]}` and resolve refs through a registry, then run plain
Draft 2020-12. The spec is three years older than the API the SDK pins, so exactly the
fields NOTES.md section 3 lists as gone are dropped from `required` (and nothing else);
the gone invoice fields must not be sent at all, since a handler reading them would be
written against the old API.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012 as _DRAFT

SPEC_PATH = Path(__file__).parent / "reference" / "stripe" / "openapi-subset.json"

#: Required in 2023, gone in API 2026-10-28 (NOTES.md section 3); skipped, no more.
DRIFTED_REQUIRED: dict[str, set[str]] = {
    "subscription": {"current_period_start", "current_period_end"},
    "invoice": {"paid", "paid_out_of_band", "total_tax_amounts"},
    "line_item": {"proration", "type"},
    "discount": {"coupon"},
    "product": {"features"},
}

#: Fields today's API no longer sends; emitting them would hide handlers written for 2023.
MUST_BE_ABSENT: dict[str, set[str]] = {
    "subscription": {"current_period_start", "current_period_end"},
    "invoice": {"paid", "subscription", "payment_intent", "charge", "subscription_details"},
    "payment_intent": {"invoice"},
    "charge": {"invoice"},
}


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in ("nullable",) or key.startswith("x-"):
            continue
        if key == "$ref":
            out[key] = value.replace("#/components/schemas/", "urn:stripe:")
        elif key in ("properties",):
            out[key] = {k: _convert(v) for k, v in value.items()}
        else:
            out[key] = _convert(value)
    if node.get("nullable"):
        return {"anyOf": [{"type": "null"}, out]}
    return out


@cache
def _registry() -> tuple[Registry, dict[str, Any]]:
    spec = json.loads(SPEC_PATH.read_text())
    schemas: dict[str, Any] = spec["components"]["schemas"]
    resources = []
    for name, schema in schemas.items():
        converted = _convert(schema)
        drop = DRIFTED_REQUIRED.get(name)
        if drop and "required" in converted:
            converted["required"] = [f for f in converted["required"] if f not in drop]
        converted["$id"] = f"urn:stripe:{name}"
        resource = Resource.from_contents(converted, default_specification=_DRAFT)
        resources.append((f"urn:stripe:{name}", resource))
    return Registry().with_resources(resources), spec


def validate(schema_name: str, instance: dict[str, Any]) -> None:
    """Raise if `instance` does not match Stripe's `schema_name` or carries a gone field."""
    registry, _ = _registry()
    validator = Draft202012Validator({"$ref": f"urn:stripe:{schema_name}"}, registry=registry)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    if errors:
        lines = [f"{list(e.path)}: {e.message[:300]}" for e in errors[:10]]
        raise AssertionError(f"{schema_name} does not match the spec:\n" + "\n".join(lines))
    _check_absent(schema_name, instance)


def _check_absent(schema_name: str, instance: dict[str, Any]) -> None:
    gone = MUST_BE_ABSENT.get(schema_name, set()) & set(instance)
    assert not gone, f"{schema_name} carries fields today's API no longer sends: {sorted(gone)}"
    if schema_name == "subscription":
        for item in instance["items"]["data"]:
            assert "current_period_end" in item, "periods live on subscription items now"


def response_schema(operation_id: str) -> dict[str, Any]:
    """The 200 response schema of an operation in the subset (resolved refs stay refs)."""
    _, spec = _registry()
    for methods in spec["paths"].values():
        for op in methods.values():
            if op.get("operationId") == operation_id:
                schema: dict[str, Any] = op["responses"]["200"]["content"]["application/json"][
                    "schema"
                ]
                return schema
    raise KeyError(operation_id)


def validate_operation(operation_id: str, instance: dict[str, Any]) -> None:
    """Validate a response body against the 200 schema of `operation_id`."""
    schema = response_schema(operation_id)
    registry, _ = _registry()
    converted = _convert(schema)
    validator = Draft202012Validator(converted, registry=registry)
    errors = list(validator.iter_errors(instance))
    if errors:
        raise AssertionError(
            f"{operation_id}: " + "; ".join(f"{list(e.path)} {e.message[:200]}" for e in errors[:5])
        )
    name = schema.get("$ref", "").rsplit("/", 1)[-1]
    if name:
        _check_absent(name, instance)
    for event in instance.get("data", []) if instance.get("object") == "list" else []:
        validate_event(event)
    if instance.get("object") == "event":
        validate_event(instance)


def validate_event(event: dict[str, Any]) -> None:
    """An event envelope and the object it carries, each against its own schema."""
    validate("event", event)
    obj = event["data"]["object"]
    validate(obj["object"], obj)
