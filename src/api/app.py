"""The FastAPI application factory: ``create_app(settings)``; uvicorn runs it as a factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI
from temporalio.client import Client

from api.auth import KeyRing
from api.errors import install_error_handlers
from api.openapi.install import install_openapi
from api.request_context import RequestContextMiddleware, bind_path_ids
from api.routes import health, metrics
from api.temporal_link import TemporalLink
from sagas.deps import Deps
from sagas.observability.tracing import instrument_app, setup_tracing
from sagas.settings import Settings, get_settings


def create_app(
    settings: Settings | None = None,
    *,
    deps: Deps | None = None,
    temporal_client: Client | None = None,
) -> FastAPI:
    settings = settings or get_settings()
    setup_tracing("payment-sagas-api")  # a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own_deps = deps is None
        app.state.deps = deps or Deps.build(settings)
        app.state.temporal = TemporalLink(settings, temporal_client)
        try:
            yield
        finally:
            if own_deps:
                await app.state.deps.aclose()

    app = FastAPI(
        title="Payment sagas",
        version="1.0.0",
        description="Checkout, refund and subscription flows as durable Temporal workflows "
        "over Stripe and Razorpay. Money is integer minor units with an ISO currency.",
        lifespan=lifespan,
        dependencies=[Depends(bind_path_ids)],
    )
    app.state.settings = settings
    app.state.keyring = KeyRing(settings)
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware)
    instrument_app(app)
    app.include_router(health.router)
    app.include_router(metrics.router)
    for router in _feature_routers():
        app.include_router(router)
    install_openapi(app)
    return app


def _feature_routers() -> list[APIRouter]:
    """Every resource's router; each feature adds its import here."""
    routers: list[APIRouter] = []
    from api.routes import discounts, products  # catalogue

    routers += [products.router, discounts.router]
    from api.routes import checkouts, order_captures, orders  # checkout saga

    routers += [checkouts.router, orders.router, order_captures.router]
    from api.routes import entitlements, plans, subscriptions  # subscription saga

    routers += [plans.router, subscriptions.router, entitlements.router]
    from api.routes import refunds  # refund saga

    routers.append(refunds.router)
    from api.routes import disputes  # disputes

    routers.append(disputes.router)
    from api.routes import admin_reconcile  # reconciliation

    routers.append(admin_reconcile.router)
    from api.routes import admin_webhooks, webhooks  # webhooks

    routers += [webhooks.router, admin_webhooks.router]
    from api.routes import events, order_fulfil, service_lists, webhook_endpoints  # events

    routers += [events.router, webhook_endpoints.router, service_lists.router, order_fulfil.router]
    return routers
