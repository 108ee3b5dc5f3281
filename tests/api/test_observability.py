"""CONTRACT section 15 on the API: ``/metrics``, ``Request-Id`` in and out, JSON logs."""

from __future__ import annotations

import json
import logging

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from api.request_context import request_id_from
from sagas.observability.logs import JsonFormatter, bind
from tests.conftest import ADMIN


def samples(text: str, name: str) -> list[tuple[dict[str, str], float]]:
    found = []
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name:
                found.append((sample.labels, sample.value))
    return found


def value(text: str, name: str, **labels: str) -> float:
    return sum(v for got, v in samples(text, name) if labels.items() <= got.items())


async def test_metrics_count_requests_by_route_template(catalogue_api: httpx.AsyncClient) -> None:
    before = (await catalogue_api.get("/metrics")).text
    for _ in range(3):
        r = await catalogue_api.get("/v1/products/prod_nowhere_42")
        assert r.status_code == 404
    r = await catalogue_api.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    after = r.text
    route = "/v1/products/{product_id}"
    labels = {"route": route, "method": "GET", "status": "404"}
    counted = value(after, "sagas_http_requests_total", **labels)
    assert counted - value(before, "sagas_http_requests_total", **labels) == 3
    latency = value(after, "sagas_http_request_duration_seconds_count", route=route, method="GET")
    assert latency >= 3
    # Counts only: no raw path, no id, anywhere in the exposition.
    assert "prod_nowhere_42" not in after
    for name in (
        "sagas_webhook_deliveries_total",
        "sagas_started_total",
        "merchant_webhook_deliveries_total",
    ):
        assert f"# TYPE {name} counter" in after, name


async def test_unmatched_paths_share_one_label(catalogue_api: httpx.AsyncClient) -> None:
    await catalogue_api.get("/no/such/route/abc123")
    text = (await catalogue_api.get("/metrics")).text
    assert "abc123" not in text
    assert value(text, "sagas_http_requests_total", route="<unmatched>", status="404") >= 1


async def test_metrics_need_no_key(catalogue_api: httpx.AsyncClient) -> None:
    r = await catalogue_api.get("/metrics", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 200


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ({"Request-Id": "abc-123.X:y_z"}, True),
        ({"X-Request-Id": "from-x-header"}, True),
        ({"Request-Id": "a" * 128}, True),
        ({"Request-Id": "a" * 129}, False),
        ({"Request-Id": "has space"}, False),
        ({"Request-Id": ""}, False),
    ],
    ids=["plain", "x-header", "128", "129", "space", "empty"],
)
async def test_request_id_kept_when_valid_else_new(
    catalogue_api: httpx.AsyncClient, given: dict[str, str], kept: bool
) -> None:
    r = await catalogue_api.get("/healthz", headers=given)
    answered = r.headers["Request-Id"]
    sent = next(iter(given.values()))
    assert (answered == sent) is kept
    if not kept:
        assert answered.startswith("req_") and len(answered) <= 128


def test_request_id_prefers_request_id_over_x_request_id() -> None:
    headers = [(b"x-request-id", b"second"), (b"request-id", b"first")]
    assert request_id_from(headers) == "first"
    assert request_id_from([(b"request-id", b"bad id"), (b"x-request-id", b"ok")]) == "ok"
    fresh = request_id_from([(b"request-id", "ünï".encode("latin-1"))])
    assert fresh.startswith("req_")


async def test_every_answer_and_error_body_carries_the_request_id(
    catalogue_api: httpx.AsyncClient,
) -> None:
    cases = [
        await catalogue_api.get("/no/such/route", headers={"Request-Id": "r-404"}),
        await catalogue_api.post("/v1/products", json={}, headers={"Request-Id": "r-401"}),
        await catalogue_api.post(
            "/v1/products", json={"price": 1.5}, headers={**ADMIN, "Request-Id": "r-422"}
        ),
        await catalogue_api.delete("/v1/products", headers={"Request-Id": "r-405"}),
    ]
    for r in cases:
        rid = r.headers["Request-Id"]
        assert r.json()["error"]["request_id"] == rid, r.text
    ok = await catalogue_api.get("/healthz", headers={"Request-Id": "r-200"})
    assert ok.headers["Request-Id"] == "r-200"


def test_json_log_lines_carry_the_correlation_fields() -> None:
    record = logging.LogRecord("sagas.x", logging.INFO, __file__, 1, "paid %s", ("now",), None)
    record.order_id = "ord_1"
    with bind(request_id="req_1", checkout_id="co_1"):
        line = JsonFormatter().format(record)
    parsed = json.loads(line)
    assert parsed["message"] == "paid now"
    assert (parsed["level"], parsed["logger"]) == ("INFO", "sagas.x")
    assert parsed["time"].endswith("+00:00")
    assert (parsed["request_id"], parsed["checkout_id"], parsed["order_id"]) == (
        "req_1",
        "co_1",
        "ord_1",
    )
    assert "\n" not in line
