"""Event routes: list and read."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe import event_list
from pspsim.stripe.api.running import run

router = APIRouter()


@router.get("/v1/events")
async def list_events(request: Request) -> Response:
    return await run(request, event_list.list_events)


@router.get("/v1/events/{event}")
async def get_event(request: Request, event: str) -> Response:
    return await run(request, lambda sim, p: event_list.retrieve(sim, event))
