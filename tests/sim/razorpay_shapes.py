"""Compare Razorpay responses in shape with razorpay-python's own fixtures.

Every key of the fixture must be present with a value of the same JSON type (null on
either side matches anything: the fixture's nulls are samples, not types). `notes` is an
object when filled and `[]` when empty, as Razorpay sends it.

The payment fixture is the entity inside `fake_payment_authorized_webhook.json`: the
flat `fake_payment.json` still carries `udf`, a field today's payment entity no longer has.
That fixture's `service_tax` is called `tax` today (razorpay-python's payment docs), so
the new name is required in its place. A dispute must carry the keys of both of
razorpay-python's dispute fixtures (`dispute.json` and, with `evidence`, `dispute_contest.json`).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

RENAMED = {"service_tax": "tax"}
MOCKS = Path(__file__).parent / "reference" / "razorpay" / "mocks"


@cache
def mock(name: str) -> Any:
    return json.loads((MOCKS / f"{name}.json").read_text())


def fixture_for(entity: str) -> dict[str, Any]:
    if entity == "payment":
        payload: dict[str, Any] = mock("fake_payment_authorized_webhook")["payload"]
        payment = dict(payload["payment"]["entity"])
        for old, new in RENAMED.items():
            payment[new] = payment.pop(old)
        return payment
    if entity == "dispute":
        return {**mock("dispute"), **mock("dispute_contest")}
    names = {
        "order": "fake_order",
        "refund": "fake_refund",
        "plan": "fake_plan",
        "subscription": "fake_subscription",
        "collection": "order_collection",
        "error": "bad_request_error",
        "event": "fake_payment_authorized_webhook",
    }
    result: dict[str, Any] = mock(names[entity])
    return result


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def assert_shape(actual: Any, fixture: Any, path: str = "$") -> None:
    if fixture is None or actual is None:
        return
    if path.endswith(".notes"):
        assert isinstance(actual, dict | list), f"{path}: notes must be object or []"
        return
    assert _kind(actual) == _kind(fixture), f"{path}: {_kind(actual)} != {_kind(fixture)}"
    if isinstance(fixture, dict):
        for key, value in fixture.items():
            assert key in actual, f"{path}: missing key {key!r}"
            assert_shape(actual[key], value, f"{path}.{key}")
    elif isinstance(fixture, list) and fixture and actual:
        for item in actual:
            assert_shape(item, fixture[0], f"{path}[]")


def assert_entity(actual: dict[str, Any]) -> None:
    """Compare an entity (order, payment, refund, plan, subscription) with its fixture."""
    if actual["entity"] == "collection":
        envelope = {**fixture_for("collection"), "items": []}
        assert_shape(actual, envelope, "collection")
        for item in actual["items"]:
            assert_entity(item)
        return
    assert_shape(actual, fixture_for(str(actual["entity"])), str(actual["entity"]))
