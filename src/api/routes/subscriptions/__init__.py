"""Subscriptions: start the saga, read one, cancel it now or at the period's end."""

from fastapi import APIRouter

from api.routes.subscriptions import cancel, create, read

router = APIRouter()
router.include_router(create.router)
router.include_router(read.router)
router.include_router(cancel.router)
