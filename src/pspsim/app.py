"""The ASGI app: Stripe under `/stripe`, Razorpay under `/razorpay`, control under
`/_sim`, payer pages under `/pay`. State lives in `app.state.sim` for the process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from pspsim.billing.ticker import running as billing_running
from pspsim.config import SimConfig
from pspsim.control.ledger import router as ledger_router
from pspsim.control.razorpay.razorpay_control import router as razorpay_router
from pspsim.control.sim.sim_control import router as sim_router
from pspsim.control.stripe.stripe_control import router as stripe_router
from pspsim.faults.middleware import api_fault_middleware
from pspsim.lost_answer import LostAnswerApp
from pspsim.pages.payer_pages import router as payer_pages
from pspsim.razorpay.routes.razorpay_api import router as razorpay_api
from pspsim.state import Sim
from pspsim.stripe.routes.stripe_api import router as stripe_api


def create_app(config: SimConfig | None = None) -> LostAnswerApp:
    """Build the simulator app; webhook workers start and stop with its lifespan."""
    sim = Sim(config or SimConfig())

    @asynccontextmanager
    async def lifespan(_app: LostAnswerApp) -> AsyncIterator[None]:
        await sim.webhooks.start()
        try:
            async with billing_running(sim):
                yield
        finally:
            sim.timers.cancel_all()
            await sim.webhooks.stop()

    app = LostAnswerApp(
        title="PSP simulator (Stripe and Razorpay)",
        lifespan=lifespan,
        docs_url="/_sim/docs",
        openapi_url="/_sim/openapi.json",
        redoc_url=None,
    )
    app.state.sim = sim
    app.middleware("http")(api_fault_middleware)
    for router in (sim_router, ledger_router, stripe_router, razorpay_router, payer_pages):
        app.include_router(router)
    app.include_router(stripe_api)
    app.include_router(razorpay_api)
    return app
