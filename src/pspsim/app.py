"""The ASGI app: Stripe under `/stripe`, Razorpay under `/razorpay`, control under
`/_sim`, payer pages under `/pay`. State lives in `app.state.sim` for the process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from pspsim import pages
from pspsim.config import SimConfig
from pspsim.control import razorpay_router, sim_router, stripe_router
from pspsim.faults import api_fault_middleware
from pspsim.razorpay.routes import router as razorpay_api
from pspsim.state import Sim
from pspsim.stripe.routes import router as stripe_api


def create_app(config: SimConfig | None = None) -> FastAPI:
    """Build the simulator app; webhook workers start and stop with its lifespan."""
    sim = Sim(config or SimConfig())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await sim.webhooks.start()
        try:
            yield
        finally:
            sim.timers.cancel_all()
            await sim.webhooks.stop()

    app = FastAPI(
        title="PSP simulator (Stripe and Razorpay)",
        lifespan=lifespan,
        docs_url="/_sim/docs",
        openapi_url="/_sim/openapi.json",
        redoc_url=None,
    )
    app.state.sim = sim
    app.middleware("http")(api_fault_middleware)
    for router in (sim_router, stripe_router, razorpay_router, pages.router):
        app.include_router(router)
    app.include_router(stripe_api)
    app.include_router(razorpay_api)
    return app
