"""The webhook audit log for operators: list with filters, read one, replay one (admin)."""

from fastapi import APIRouter

from api.routes.admin_webhooks import listing, read, replay

router = APIRouter()
router.include_router(listing.router)
router.include_router(read.router)
router.include_router(replay.router)
