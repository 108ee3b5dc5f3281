"""``GET /_sim/objects``: the simulator's own records, as the PSP holds them.

A checker (``sagas chaos``, the invariants test) compares what the product believes with
what the PSP did; over HTTP it cannot read the in-process stores, and listing every kind
through each PSP's API would page through a dozen endpoints under fault injection. This
answers every object of both PSPs at once, rendered like the API renders them (internal
``_`` keys stripped), optionally only those created at or after ``created_gte`` (Unix
seconds; both PSPs stamp ``created``/``created_at``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from pspsim.store import Obj, render

router = APIRouter(prefix="/_sim")


def _created(obj: Obj) -> int:
    raw = obj.get("created", obj.get("created_at", 0))
    return raw if isinstance(raw, int) else 0


def _objects(store: dict[str, Any], since: int) -> list[Obj]:
    found: list[Obj] = []
    for key, obj in list(store.items()):
        if key.startswith("_") or not isinstance(obj, dict):
            continue
        if not (obj.get("object") or obj.get("entity")):
            continue
        if _created(obj) >= since:
            found.append(render(obj))
    return found


@router.get("/objects")
async def objects(request: Request) -> Response:
    raw = request.query_params.get("created_gte") or "0"
    if not raw.isdigit():
        return JSONResponse({"error": "created_gte must be Unix seconds"}, status_code=400)
    store = request.app.state.sim.store
    since = int(raw)
    return JSONResponse(
        {"stripe": _objects(store.stripe, since), "razorpay": _objects(store.razorpay, since)}
    )
