"""Invoice routes: read, pay, void, list."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe.api.running import run
from pspsim.stripe.invoices import lookup, merchant_pay, voiding
from pspsim.stripe.routes.lister import lister

router = APIRouter()


@router.get("/v1/invoices/{invoice}")
async def get_invoice(request: Request, invoice: str) -> Response:
    return await run(request, lambda sim, p: lookup.get(sim, invoice))


@router.post("/v1/invoices/{invoice}/pay")
async def pay_invoice(request: Request, invoice: str) -> Response:
    return await run(
        request,
        lambda sim, p: merchant_pay.pay(sim, invoice, p),
        allowed=merchant_pay.ALLOWED,
    )


@router.post("/v1/invoices/{invoice}/void")
async def void_invoice(request: Request, invoice: str) -> Response:
    return await run(request, lambda sim, p: voiding.void(sim, invoice, p), allowed=voiding.ALLOWED)


@router.get("/v1/invoices")
async def list_invoices(request: Request) -> Response:
    return await run(request, lister("invoice"))
