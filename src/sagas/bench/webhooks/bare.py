"""The bare endpoint: the least a webhook receiver can do, the yardstick for ours.

``POST /hook`` parses the Stripe event, translates it (a pure function) and signals the
checkout workflow named by the ``x-bench-workflow-id`` header; it verifies nothing,
records nothing, dedupes nothing. It is served as the API is (FastAPI under uvicorn, its
own process, the same Temporal settings): ``python -m sagas.bench.webhooks.bare <port>``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from sagas.gateways.stripe.events import translation as stripe_events
from sagas.settings import Settings
from sagas.temporal.client import connect

WORKFLOW_HEADER = "x-bench-workflow-id"


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.client = await connect(settings)
        yield

    app = FastAPI(lifespan=lifespan)

    @app.post("/hook")
    async def hook(request: Request) -> JSONResponse:
        event = stripe_events.translate(json.loads(await request.body()))
        handle = request.app.state.client.get_workflow_handle(request.headers[WORKFLOW_HEADER])
        await handle.signal("psp_event", event)
        return JSONResponse({"received": True})

    @app.get("/readyz")
    async def ready() -> JSONResponse:
        return JSONResponse({"ok": True})

    return app


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(create_app(Settings()), host="127.0.0.1", port=int(sys.argv[1]))
