"""OpenTelemetry tracing, on only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set.

One trace runs from the API request (FastAPI instrumentation) through Temporal
(``TracingInterceptor`` on the client, so on the worker built from it too) into the
activities and their PSP calls (httpx for Stripe, requests for Razorpay) and queries
(SQLAlchemy). The packages come with the optional extra ``otel``; without them, or without
the endpoint, every function here is a no-op.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI
    from temporalio.client import Interceptor

log = logging.getLogger("sagas.tracing")
_state: dict[str, bool] = {"on": False}


def tracing_wanted() -> bool:
    return bool(os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT", "").strip())


def tracing_on() -> bool:
    return _state["on"]


def setup_tracing(service_name: str, *, exporter: Any = None) -> bool:
    """Install the tracer provider and the library instrumentations, once per process.

    ``exporter`` replaces the OTLP exporter (tests pass an in-memory one). Answers whether
    tracing is on; a missing ``otel`` extra is logged, not fatal.
    """
    if _state["on"]:
        return True
    if exporter is None and not tracing_wanted():
        return False
    try:
        from opentelemetry import trace
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
    except ImportError:
        log.warning("OTEL_EXPORTER_OTLP_ENDPOINT is set but the otel extra is not installed")
        return False
    name = os.environ.get("OTEL_SERVICE_NAME") or service_name
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    if exporter is None:
        provider.add_span_processor(BatchSpanProcessor(_otlp_exporter()))
    else:
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    _instrument_libraries()
    _state["on"] = True
    return True


def _otlp_exporter() -> Any:
    """OTLP over gRPC, or over HTTP when ``OTEL_EXPORTER_OTLP_PROTOCOL`` says so."""
    protocol = os.environ.get("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    if protocol.startswith("http"):
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter()
    from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import (
        OTLPSpanExporter as GrpcExporter,
    )

    return GrpcExporter()


def _instrument_libraries() -> None:
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    HTTPXClientInstrumentor().instrument()
    RequestsInstrumentor().instrument()
    # Its declared range stops below SQLAlchemy 2.1, whose engine events it uses unchanged.
    SQLAlchemyInstrumentor().instrument(skip_dep_check=True)


def stop_tracing() -> None:
    """Undo :func:`setup_tracing`'s instrumentations (tests; the provider stays set)."""
    if not _state["on"]:
        return
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    HTTPXClientInstrumentor().uninstrument()
    RequestsInstrumentor().uninstrument()
    SQLAlchemyInstrumentor().uninstrument()
    _state["on"] = False


def instrument_app(app: FastAPI) -> None:
    """Server spans for every API request (the root of a checkout's trace)."""
    if not _state["on"]:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")


def temporal_tracing_interceptor() -> Interceptor | None:
    """Temporal's interceptor (client and worker) when tracing is on."""
    if not _state["on"]:
        return None
    from temporalio.contrib.opentelemetry import TracingInterceptor

    return TracingInterceptor()


def current_trace_id() -> str | None:
    """The active trace id as 32 hex digits, for log lines; None without tracing."""
    if not _state["on"]:
        return None
    from opentelemetry import trace

    ctx = trace.get_current_span().get_span_context()
    return f"{ctx.trace_id:032x}" if ctx.is_valid else None
