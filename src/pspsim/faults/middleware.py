"""API faults (5xx answers, latency) on the `/stripe` and `/razorpay` prefixes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from pspsim.faults.server_errors import server_error
from pspsim.faults.settings import PSP_PREFIXES, Faults


async def api_fault_middleware(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Slow down or fail PSP API calls as the fault settings say; pages and `/_sim` pass."""
    path = request.url.path
    if not path.startswith(PSP_PREFIXES):
        return await call_next(request)
    faults: Faults = request.app.state.sim.faults
    if faults.api_latency_s > 0:
        await asyncio.sleep(faults.api_latency_s)
    if faults.hits_api_error(path):
        return server_error(path, faults.api_error_status)
    return await call_next(request)
