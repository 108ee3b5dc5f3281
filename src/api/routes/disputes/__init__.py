"""Disputes: list, read, answer with evidence, accept (CONTRACT section 13)."""

from fastapi import APIRouter

from api.routes.disputes import accept, evidence, reads

router = APIRouter()
router.include_router(reads.router)
router.include_router(evidence.router)
router.include_router(accept.router)
