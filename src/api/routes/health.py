"""``/healthz``: the process is up. ``/readyz``: the database and Temporal answer."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.deps import AppDeps

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(request: Request, deps: AppDeps) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        async with deps.engine.connect() as conn:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=3)
        checks["database"] = "ok"
    except Exception as err:
        checks["database"] = f"unavailable: {type(err).__name__}"
    try:
        client = await request.app.state.temporal.get()
        await asyncio.wait_for(client.service_client.check_health(), timeout=3)
        checks["temporal"] = "ok"
    except Exception as err:
        checks["temporal"] = f"unavailable: {type(err).__name__}"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse(
        {"status": "ready" if ready else "not_ready", "checks": checks},
        status_code=200 if ready else 503,
    )
