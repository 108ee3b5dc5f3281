"""Every 4xx/5xx answer in the error shape, never FastAPI's ``HTTPValidationError``."""

from __future__ import annotations

from typing import Any

from api.openapi.errors import DESCRIPTIONS, ErrorOut

REQUIRED_HEADERS = frozenset({"Idempotency-Key"})


def require_headers(operation: dict[str, Any]) -> None:
    """Every route that reads a required header answers 400 without it: it is required."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "header" and parameter.get("name") in REQUIRED_HEADERS:
            parameter["required"] = True
            parameter.get("schema", {}).pop("anyOf", None)
            parameter.setdefault("schema", {}).update(
                {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "\\S"}
            )


def use_error_shape(schema: dict[str, Any]) -> None:
    ref = "#/components/schemas/ErrorOut"
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            for status, answer in operation.get("responses", {}).items():
                if status.isdigit() and int(status) >= 400:
                    answer["content"] = {"application/json": {"schema": {"$ref": ref}}}
                    answer["description"] = DESCRIPTIONS.get(int(status), "Error")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(error_schema.pop("$defs", {}))
    components["ErrorOut"] = error_schema
