"""Control calls about the simulator itself, mounted under `/_sim`: health, reset, the
clock, faults, webhook endpoints, the delivery log, scripted refund behaviour."""

from __future__ import annotations

from fastapi import APIRouter

from pspsim.control.sim import clock, faults, lifecycle, refund_behaviour, webhooks

router = APIRouter(prefix="/_sim")
for concern in (lifecycle, clock, faults, webhooks, refund_behaviour):
    router.include_router(concern.router)
