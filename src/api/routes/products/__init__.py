"""Products: admins create and edit them; anyone lists and reads the active ones."""

from fastapi import APIRouter

from api.routes.products import reads, writes

router = APIRouter()
router.include_router(writes.router)
router.include_router(reads.router)
