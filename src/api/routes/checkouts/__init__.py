"""Checkouts: start the saga, read it, cancel it, and the Razorpay callback."""

from fastapi import APIRouter

from api.routes.checkouts import cancel, create, read, verify

router = APIRouter()
router.include_router(create.router)
router.include_router(read.router)
router.include_router(cancel.router)
router.include_router(verify.router)
