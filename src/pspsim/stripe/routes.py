"""Stripe's routes, mounted under `/stripe` so the SDK's base URL is `.../stripe`.

Each route hands a handler to `api.run`, which does auth, decoding, idempotency,
expansion and errors; unknown paths get Stripe's own 404 body.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pspsim.stripe import (
    billing,
    catalog,
    checkout,
    event_list,
    invoice_payments,
    listing,
    payment_intents,
    payment_links,
    refunds,
    subscription_updates,
    subscriptions,
)
from pspsim.stripe.allowed_params import ALLOWED
from pspsim.stripe.api import Handler, json_response, run

router = APIRouter(prefix="/stripe")


@router.post("/v1/payment_intents")
async def create_payment_intent(request: Request) -> Response:
    return await run(request, payment_intents.create, allowed=ALLOWED["PostPaymentIntents"])


@router.get("/v1/payment_intents/{intent}")
async def get_payment_intent(request: Request, intent: str) -> Response:
    return await run(request, lambda sim, p: payment_intents.retrieve(sim, intent))


@router.post("/v1/payment_intents/{intent}/confirm")
async def confirm_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: payment_intents.confirm(sim, intent, p),
        allowed=ALLOWED["PostPaymentIntentsIntentConfirm"],
    )


@router.post("/v1/payment_intents/{intent}/capture")
async def capture_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: payment_intents.capture(sim, intent, p),
        allowed=ALLOWED["PostPaymentIntentsIntentCapture"],
    )


@router.post("/v1/payment_intents/{intent}/cancel")
async def cancel_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: payment_intents.cancel(sim, intent, p),
        allowed=ALLOWED["PostPaymentIntentsIntentCancel"],
    )


@router.post("/v1/checkout/sessions")
async def create_checkout_session(request: Request) -> Response:
    return await run(request, checkout.create, allowed=ALLOWED["PostCheckoutSessions"])


@router.get("/v1/checkout/sessions/{session}")
async def get_checkout_session(request: Request, session: str) -> Response:
    return await run(request, lambda sim, p: checkout.get(sim, session))


@router.post("/v1/checkout/sessions/{session}/expire")
async def expire_checkout_session(request: Request, session: str) -> Response:
    return await run(request, lambda sim, p: checkout.expire(sim, session), allowed=set())


@router.post("/v1/payment_links")
async def create_payment_link(request: Request) -> Response:
    return await run(request, payment_links.create, allowed=ALLOWED["PostPaymentLinks"])


@router.get("/v1/payment_links/{link}")
async def get_payment_link(request: Request, link: str) -> Response:
    return await run(request, lambda sim, p: payment_links.get(sim, link))


@router.post("/v1/payment_links/{link}")
async def update_payment_link(request: Request, link: str) -> Response:
    return await run(
        request,
        lambda sim, p: payment_links.update(sim, link, p),
        allowed=ALLOWED["PostPaymentLinksPaymentLink"],
    )


@router.post("/v1/refunds")
async def create_refund(request: Request) -> Response:
    return await run(request, refunds.create, allowed=ALLOWED["PostRefunds"])


@router.get("/v1/refunds/{refund}")
async def get_refund(request: Request, refund: str) -> Response:
    return await run(request, lambda sim, p: refunds.get(sim, refund))


@router.post("/v1/products")
async def create_product(request: Request) -> Response:
    return await run(request, catalog.create_product, allowed=ALLOWED["PostProducts"])


@router.get("/v1/products/{product}")
async def get_product(request: Request, product: str) -> Response:
    return await run(request, lambda sim, p: catalog.get(sim, "product", product))


@router.post("/v1/prices")
async def create_price(request: Request) -> Response:
    return await run(request, catalog.create_price, allowed=ALLOWED["PostPrices"])


@router.get("/v1/prices/{price}")
async def get_price(request: Request, price: str) -> Response:
    return await run(request, lambda sim, p: catalog.get(sim, "price", price))


@router.post("/v1/customers")
async def create_customer(request: Request) -> Response:
    return await run(request, catalog.create_customer, allowed=ALLOWED["PostCustomers"])


@router.get("/v1/customers/{customer}")
async def get_customer(request: Request, customer: str) -> Response:
    return await run(request, lambda sim, p: catalog.get(sim, "customer", customer))


@router.post("/v1/subscriptions")
async def create_subscription(request: Request) -> Response:
    return await run(request, subscriptions.create, allowed=ALLOWED["PostSubscriptions"])


@router.get("/v1/subscriptions/{sub}")
async def get_subscription(request: Request, sub: str) -> Response:
    return await run(request, lambda sim, p: subscriptions.get(sim, sub))


@router.post("/v1/subscriptions/{sub}")
async def update_subscription(request: Request, sub: str) -> Response:
    return await run(
        request,
        lambda sim, p: subscription_updates.update(sim, subscriptions.get(sim, sub), p),
        allowed=subscription_updates.ALLOWED,
    )


@router.delete("/v1/subscriptions/{sub}")
async def cancel_subscription(request: Request, sub: str) -> Response:
    return await run(request, lambda sim, p: subscriptions.cancel(sim, sub, p))


@router.get("/v1/invoices/{invoice}")
async def get_invoice(request: Request, invoice: str) -> Response:
    return await run(request, lambda sim, p: billing.get(sim, invoice))


@router.post("/v1/invoices/{invoice}/pay")
async def pay_invoice(request: Request, invoice: str) -> Response:
    return await run(
        request,
        lambda sim, p: invoice_payments.pay(sim, invoice, p),
        allowed=invoice_payments.ALLOWED,
    )


@router.get("/v1/events")
async def list_events(request: Request) -> Response:
    return await run(request, event_list.list_events)


@router.get("/v1/events/{event}")
async def get_event(request: Request, event: str) -> Response:
    return await run(request, lambda sim, p: event_list.retrieve(sim, event))


def _lister(kind: str) -> Handler:
    return lambda sim, params: listing.list_objects(sim, kind, params)


@router.get("/v1/checkout/sessions")
async def list_checkout_sessions(request: Request) -> Response:
    return await run(request, _lister("checkout.session"))


@router.get("/v1/refunds")
async def list_refunds(request: Request) -> Response:
    return await run(request, _lister("refund"))


@router.get("/v1/invoices")
async def list_invoices(request: Request) -> Response:
    return await run(request, _lister("invoice"))


@router.get("/v1/payment_intents")
async def list_payment_intents(request: Request) -> Response:
    return await run(request, _lister("payment_intent"))


@router.get("/v1/subscriptions")
async def list_subscriptions(request: Request) -> Response:
    return await run(request, _lister("subscription"))


@router.post("/v1/payment_intents/{intent}")
async def update_payment_intent(request: Request, intent: str) -> Response:
    return await run(
        request,
        lambda sim, p: payment_intents.update(sim, intent, p),
        allowed={"metadata", "description", "receipt_email", "amount", "payment_method"},
    )


@router.api_route("/{path:path}", methods=["GET", "POST", "DELETE", "PUT", "PATCH"])
async def unknown_route(request: Request, path: str) -> Response:
    body = {
        "error": {
            "type": "invalid_request_error",
            "message": f"Unrecognized request URL ({request.method}: /{path}). Please see "
            "https://stripe.com/docs or we can help at https://support.stripe.com/.",
        }
    }
    return json_response(404, body, "req_" + request.app.state.sim.ids.token(14))
