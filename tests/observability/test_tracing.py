"""With tracing on, one API request and the saga it starts are one trace (CONTRACT 15).

The real app (FastAPI instrumentation), the real Temporal clients from ``connect`` (with
Temporal's ``TracingInterceptor``) and a worker from ``build_worker`` run the manual
reconciliation sweep; an in-memory exporter stands in for the OTLP collector.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
    InMemorySpanExporter,
)

from api.app import create_app
from sagas.deps import Deps
from sagas.observability import tracing
from sagas.settings import Settings
from sagas.temporal.client import connect
from sagas.worker_main import build_worker
from tests.conftest import ADMIN
from tests.support.net import UvicornThread


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    spans = InMemorySpanExporter()
    assert tracing.setup_tracing("sagas-test", exporter=spans)
    try:
        yield spans
    finally:
        tracing.stop_tracing()


async def test_one_trace_from_request_to_activities(
    exporter: InMemorySpanExporter, settings: Settings
) -> None:
    queue = f"trace-{uuid.uuid4().hex[:8]}"
    settings = settings.model_copy(update={"temporal_task_queue": queue})
    deps = Deps.build(settings)
    worker = build_worker(await connect(settings), deps)
    try:
        async with worker:
            with UvicornThread(create_app(settings, deps=deps)) as server:
                async with httpx.AsyncClient(base_url=server.url, timeout=60) as api:
                    r = await api.post("/v1/admin/reconcile", json={"wait_s": 50}, headers=ADMIN)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "completed"
    finally:
        await deps.aclose()
    spans: list[Any] = list(exporter.get_finished_spans())
    server_spans = [
        s for s in spans if s.name == "POST /v1/admin/reconcile" and s.kind.name == "SERVER"
    ]
    assert len(server_spans) == 1, sorted({(s.name, s.kind.name) for s in spans})
    trace_id = server_spans[0].context.trace_id
    in_trace = {s.name for s in spans if s.context.trace_id == trace_id}
    for expected in (
        "StartWorkflow:ReconciliationWorkflow",
        "RunWorkflow:ReconciliationWorkflow",
    ):
        assert expected in in_trace, sorted(in_trace)
    assert any(n.startswith("RunActivity:") for n in in_trace), sorted(in_trace)
    # The activities' queries and PSP calls join the same trace (SQLAlchemy, httpx).
    attributes = [dict(s.attributes or {}) for s in spans if s.context.trace_id == trace_id]
    assert any("db.system" in a or "db.system.name" in a for a in attributes), sorted(in_trace)
    assert any("http.request.method" in a or "http.method" in a for a in attributes), sorted(
        in_trace
    )
