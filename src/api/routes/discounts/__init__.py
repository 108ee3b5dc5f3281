"""Discount codes: admins create them; anyone asks what a code would take off a cart."""

from fastapi import APIRouter

from api.routes.discounts import create, validate

router = APIRouter()
router.include_router(create.router)
router.include_router(validate.router)
