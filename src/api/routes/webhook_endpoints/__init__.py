"""Merchant webhook endpoints (admin): manage them, rotate secrets, see every delivery."""

from fastapi import APIRouter

from api.routes.webhook_endpoints import create, deliveries, reads, remove, rotate, update

router = APIRouter()
for part in (create, reads, update, remove, rotate, deliveries):
    router.include_router(part.router)
