"""Stripe Subscriptions in today's API shape (2026-10-28): periods on the items, the
subscription of an invoice under ``invoice.parent.subscription_details``.

Every POST carries an idempotency key from a business id: the plan's Product and Price
(``plan-<id>-…``), the customer (``<subscription id>-customer``) and the subscription
itself (the subscription id), so a retried activity never creates a second object.
A dunning retry pays the open renewal invoice under ``<subscription id>-<invoice id>-
dunning-<n>``: one charge per check, however often the activity is retried.
"""

from __future__ import annotations

from typing import Any

import stripe

from sagas.gateways.clients import stripe_call
from sagas.gateways.errors import PermanentGatewayError
from sagas.workflows.subscription.models import PspView, RetryPaymentResult

ENDED = frozenset({"canceled", "incomplete_expired"})
FAILED = frozenset({"past_due", "unpaid"})


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


async def ensure_price(
    client: stripe.StripeClient,
    *,
    plan_id: str,
    name: str,
    amount_minor: int,
    currency: str,
    interval: str,
    interval_count: int,
) -> str:
    """A recurring Price (and its Product) for the plan; the caller stores the id."""
    product = await stripe_call(
        client.v1.products.create_async,
        params={"name": name, "metadata": {"plan_id": plan_id}},
        options={"idempotency_key": f"plan-{plan_id}-product"},
    )
    price = await stripe_call(
        client.v1.prices.create_async,
        params={
            "product": product["id"],
            "unit_amount": amount_minor,
            "currency": currency.lower(),
            "recurring": {"interval": interval, "interval_count": interval_count},
            "metadata": {"plan_id": plan_id},
        },
        options={"idempotency_key": f"plan-{plan_id}-price"},
    )
    return str(price["id"])


async def create_subscription(
    client: stripe.StripeClient, *, subscription_id: str, customer_id: str, price_id: str
) -> tuple[str, dict[str, str]]:
    """Create it ``default_incomplete``; answer its id and what the payer needs."""
    customer = await stripe_call(
        client.v1.customers.create_async,
        params={"metadata": {"customer_id": customer_id, "subscription_id": subscription_id}},
        options={"idempotency_key": f"{subscription_id}-customer"},
    )
    sub = _as_dict(
        await stripe_call(
            client.v1.subscriptions.create_async,
            params={
                "customer": customer["id"],
                "items": [{"price": price_id}],
                "payment_behavior": "default_incomplete",
                "metadata": {"subscription_id": subscription_id},
                "expand": ["latest_invoice.confirmation_secret"],
            },
            options={"idempotency_key": subscription_id},
        )
    )
    details = {"gateway_subscription_id": str(sub["id"])}
    invoice = sub.get("latest_invoice")
    if isinstance(invoice, dict):
        details["invoice_id"] = str(invoice.get("id"))
        secret = (invoice.get("confirmation_secret") or {}).get("client_secret")
        if secret:
            details["client_secret"] = str(secret)
        if invoice.get("hosted_invoice_url"):
            details["hosted_invoice_url"] = str(invoice["hosted_invoice_url"])
    return str(sub["id"]), details


async def read_subscription(client: stripe.StripeClient, gateway_subscription_id: str) -> PspView:
    sub = _as_dict(
        await stripe_call(
            client.v1.subscriptions.retrieve_async,
            gateway_subscription_id,
            params={"expand": ["latest_invoice"]},
        )
    )
    status = str(sub.get("status"))
    invoice = sub.get("latest_invoice")
    invoice = invoice if isinstance(invoice, dict) else {}
    items = (sub.get("items") or {}).get("data") or [{}]
    price = items[0].get("price") or {}
    paid = invoice.get("status") == "paid"
    return PspView(
        gateway_subscription_id=str(sub["id"]),
        psp_status=status,
        paid_marker=str(invoice["id"]) if paid else None,
        paid_amount_minor=int(invoice.get("amount_paid") or 0) if paid else None,
        paid_currency=str(invoice.get("currency") or "").upper() if paid else None,
        plan_ref=str(price.get("id")) if price.get("id") else None,
        payment_failed=(not paid and int(invoice.get("attempt_count") or 0) > 0)
        or status in FAILED,
        ended=status in ENDED,
    )


async def cancel_subscription(
    client: stripe.StripeClient, gateway_subscription_id: str, *, at_period_end: bool
) -> str:
    """Cancel now (DELETE) or at the period's end; one already ended is left alone."""
    current = await read_subscription(client, gateway_subscription_id)
    if current.ended:
        return current.psp_status
    try:
        if at_period_end:
            sub = await stripe_call(
                client.v1.subscriptions.update_async,
                gateway_subscription_id,
                params={"cancel_at_period_end": True},
                options={"idempotency_key": f"{gateway_subscription_id}-cancel-at-period-end"},
            )
        else:
            sub = await stripe_call(client.v1.subscriptions.cancel_async, gateway_subscription_id)
    except PermanentGatewayError:
        # Lost a race with another cancellation: answer what it is now.
        again = await read_subscription(client, gateway_subscription_id)
        if again.ended:
            return again.psp_status
        raise
    return str(sub["status"])


async def retry_latest_invoice(
    client: stripe.StripeClient,
    gateway_subscription_id: str,
    *,
    subscription_id: str,
    retry_index: int,
) -> RetryPaymentResult:
    """Charge the subscription's open latest invoice again (``POST /v1/invoices/{id}/pay``).

    A decline (or any other refusal, e.g. the invoice was paid meanwhile) is an answer,
    not an error: the caller re-reads the subscription before deciding anything.
    """
    sub = _as_dict(
        await stripe_call(
            client.v1.subscriptions.retrieve_async,
            gateway_subscription_id,
            params={"expand": ["latest_invoice"]},
        )
    )
    invoice = sub.get("latest_invoice")
    if not isinstance(invoice, dict) or invoice.get("status") != "open":
        state = invoice.get("status") if isinstance(invoice, dict) else "missing"
        return RetryPaymentResult(attempted=False, detail=f"latest invoice is {state}")
    invoice_id = str(invoice["id"])
    try:
        paid = await stripe_call(
            client.v1.invoices.pay_async,
            invoice_id,
            params={"off_session": True},
            options={"idempotency_key": f"{subscription_id}-{invoice_id}-dunning-{retry_index}"},
        )
    except PermanentGatewayError as err:
        return RetryPaymentResult(
            attempted=True, paid=False, invoice_id=invoice_id, detail=f"{err.code}: {err}"
        )
    return RetryPaymentResult(attempted=True, paid=paid["status"] == "paid", invoice_id=invoice_id)
