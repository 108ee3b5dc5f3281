"""Stripe Subscriptions in today's API shape (2026-10-28): periods on the items, the
subscription of an invoice under ``invoice.parent.subscription_details``.

Every POST carries an idempotency key from a business id: the plan's Product and Price
(``plan-<id>-…``), the customer (``customer-<customer id>``, made once and kept in our
``customers`` table) and the subscription itself (the subscription id), so a retried
activity never creates a second object; a cancellation is keyed by the Stripe
subscription id (``<id>-cancel``, ``<id>-cancel-at-period-end``). The first payment's
method becomes the subscription's default
(``save_default_payment_method=on_subscription``), which Stripe charges off-session at
every renewal and retry.
A dunning retry pays the open renewal invoice under ``<subscription id>-<invoice id>-
dunning-<n>``: one charge per check, however often the activity is retried.
"""

from __future__ import annotations

from typing import Any

import stripe

from sagas.domain.subscriptions import (
    PlanTerms,
    PspView,
    RetryPaymentResult,
    SubscriptionCancel,
    SubscriptionRequest,
)
from sagas.gateways.cancellation import cancel_unless_ended
from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.stripe import units
from sagas.gateways.stripe.client import stripe_call
from sagas.gateways.stripe.customers import create_customer
from sagas.gateways.stripe.first_invoice import StripeFirstInvoice

ENDED = frozenset({"canceled", "incomplete_expired"})
FAILED = frozenset({"past_due", "unpaid"})


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


async def _action_required(client: stripe.StripeClient, invoice: dict[str, Any]) -> bool:
    """Whether the open invoice's payment waits for the payer's authentication."""
    payments = ((invoice.get("payments") or {}).get("data")) or []
    for payment in payments:
        pi_id = (payment.get("payment") or {}).get("payment_intent")
        if isinstance(pi_id, dict):
            pi_id = pi_id.get("id")
        if pi_id:
            pi = await stripe_call(client.v1.payment_intents.retrieve_async, str(pi_id))
            return bool(pi["status"] == "requires_action")
    return False


class StripeSubscriptions(StripeFirstInvoice):
    async def ensure_plan(self, plan: PlanTerms) -> str:
        """A recurring Price (and its Product) for the plan; the caller stores the id."""
        product = await stripe_call(
            self.client.v1.products.create_async,
            params={"name": plan.name, "metadata": {"plan_id": plan.plan_id}},
            options={"idempotency_key": f"plan-{plan.plan_id}-product"},
        )
        price = await stripe_call(
            self.client.v1.prices.create_async,
            params={
                "product": product["id"],
                "unit_amount": units.to_stripe(plan.amount_minor, plan.currency),
                "currency": plan.currency.lower(),
                "recurring": {"interval": plan.interval, "interval_count": plan.interval_count},
                "metadata": {"plan_id": plan.plan_id},
            },
            options={"idempotency_key": f"plan-{plan.plan_id}-price"},
        )
        return str(price["id"])

    async def create_subscription(self, req: SubscriptionRequest) -> tuple[str, dict[str, str]]:
        """Create it ``default_incomplete`` on the customer's Stripe Customer, saving the
        method of its first payment as its default; with a trial, ``trialing`` at once and
        its ``pending_setup_intent`` collects the card. Answer its id and what the payer
        needs (``client_secret`` to pay, or ``setup_client_secret`` to save a card)."""
        customer = req.gateway_customer_id
        if customer is None:  # every subscription has its customer's
            customer = await create_customer(
                self.client, customer_id=req.customer_id, key=f"customer-{req.customer_id}"
            )
        params: dict[str, Any] = {
            "customer": customer,
            "items": [{"price": req.plan_ref}],
            "payment_behavior": "default_incomplete",
            "payment_settings": {"save_default_payment_method": "on_subscription"},
            "metadata": {"subscription_id": req.subscription_id},
            "expand": ["latest_invoice.confirmation_secret", "pending_setup_intent"],
        }
        if req.trial_end is not None:
            params["trial_end"] = int(req.trial_end.timestamp())
        sub = _as_dict(
            await stripe_call(
                self.client.v1.subscriptions.create_async,
                params=params,
                options={"idempotency_key": req.subscription_id},
            )
        )
        details = {"gateway_subscription_id": str(sub["id"])}
        invoice = sub.get("latest_invoice")
        if isinstance(invoice, dict) and invoice.get("status") != "paid":
            details["invoice_id"] = str(invoice.get("id"))
            secret = (invoice.get("confirmation_secret") or {}).get("client_secret")
            if secret:
                details["client_secret"] = str(secret)
            if invoice.get("hosted_invoice_url"):
                details["hosted_invoice_url"] = str(invoice["hosted_invoice_url"])
        setup = sub.get("pending_setup_intent")
        if isinstance(setup, dict) and setup.get("client_secret"):
            details["setup_intent_id"] = str(setup["id"])
            details["setup_client_secret"] = str(setup["client_secret"])
        return str(sub["id"]), details

    async def read_subscription(self, gateway_subscription_id: str) -> PspView:
        sub = _as_dict(
            await stripe_call(
                self.client.v1.subscriptions.retrieve_async,
                gateway_subscription_id,
                params={"expand": ["latest_invoice.payments"]},
            )
        )
        status = str(sub.get("status"))
        invoice = sub.get("latest_invoice")
        invoice = invoice if isinstance(invoice, dict) else {}
        items = (sub.get("items") or {}).get("data") or [{}]
        price = items[0].get("price") or {}
        paid = invoice.get("status") == "paid"
        attempted = invoice.get("status") == "open" and int(invoice.get("attempt_count") or 0) > 0
        action = attempted and await _action_required(self.client, invoice)
        return PspView(
            gateway_subscription_id=str(sub["id"]),
            psp_status=status,
            paid_marker=str(invoice["id"]) if paid else None,
            paid_amount_minor=units.from_stripe(
                int(invoice.get("amount_paid") or 0), str(invoice.get("currency") or "usd")
            )
            if paid
            else None,
            paid_currency=str(invoice.get("currency") or "").upper() if paid else None,
            plan_ref=str(price.get("id")) if price.get("id") else None,
            payment_failed=(not paid and int(invoice.get("attempt_count") or 0) > 0)
            or status in FAILED,
            ended=status in ENDED,
            action_required=action,
            pay_url=str(invoice["hosted_invoice_url"])
            if attempted and invoice.get("hosted_invoice_url")
            else None,
        )

    async def cancel_subscription(self, req: SubscriptionCancel) -> str:
        """Cancel now (DELETE) or at the period's end; one already ended is left alone."""

        async def cancel() -> str:
            key = {"idempotency_key": req.idempotency_key}
            if req.at_period_end:
                sub = await stripe_call(
                    self.client.v1.subscriptions.update_async,
                    req.gateway_subscription_id,
                    params={"cancel_at_period_end": True},
                    options=key,
                )
            else:
                sub = await stripe_call(
                    self.client.v1.subscriptions.cancel_async,
                    req.gateway_subscription_id,
                    options=key,
                )
            return str(sub["status"])

        return await cancel_unless_ended(
            lambda: self.read_subscription(req.gateway_subscription_id), cancel
        )

    async def retry_payment(
        self, gateway_subscription_id: str, *, subscription_id: str, retry_index: int
    ) -> RetryPaymentResult:
        """Charge the subscription's open latest invoice again (``POST /v1/invoices/{id}/pay``).

        A decline (or any other refusal, e.g. the invoice was paid meanwhile) is an answer,
        not an error: the caller re-reads the subscription before deciding anything.
        """
        invoice = await self._latest_invoice(gateway_subscription_id)
        if invoice is None or invoice.get("status") != "open":
            state = invoice.get("status") if invoice is not None else "missing"
            return RetryPaymentResult(attempted=False, detail=f"latest invoice is {state}")
        invoice_id = str(invoice["id"])
        try:
            paid = await stripe_call(
                self.client.v1.invoices.pay_async,
                invoice_id,
                params={"off_session": True},
                options={
                    "idempotency_key": f"{subscription_id}-{invoice_id}-dunning-{retry_index}"
                },
            )
        except PermanentGatewayError as err:
            return RetryPaymentResult(
                attempted=True, paid=False, invoice_id=invoice_id, detail=f"{err.code}: {err}"
            )
        return RetryPaymentResult(
            attempted=True, paid=paid["status"] == "paid", invoice_id=invoice_id
        )
