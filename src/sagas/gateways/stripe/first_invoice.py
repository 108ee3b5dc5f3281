"""Closing a subscription's unpaid first invoice before cancelling it for non-payment.

Cancelling a Stripe subscription stops automatic collection, but its open first invoice
(and that invoice's PaymentIntent, whose client secret the payer holds) stays payable: a
payer who pays after the cancel is charged for nothing. Voiding the invoice cancels the
PaymentIntent with it, so nothing can be paid after; a void refused because the invoice
was paid meanwhile says the payment won the race, and the saga honours it instead.
"""

from __future__ import annotations

from typing import Any

from sagas.gateways.errors import PermanentGatewayError
from sagas.gateways.stripe.adapter import StripeAdapter
from sagas.gateways.stripe.client import as_dict, stripe_call

PAID = "paid"
CLOSED = {"void", "uncollectible", "draft"}  # nothing the payer can pay


class StripeFirstInvoice(StripeAdapter):
    async def close_first_payment(self, gateway_subscription_id: str) -> bool:
        invoice = await self._latest_invoice(gateway_subscription_id)
        if invoice is None or invoice.get("status") in CLOSED:
            return True
        if invoice.get("status") == PAID:
            return False
        invoice_id = str(invoice["id"])
        try:
            await stripe_call(
                self.client.v1.invoices.void_invoice_async,
                invoice_id,
                options={"idempotency_key": f"{invoice_id}-void"},
            )
        except PermanentGatewayError:
            # Refused: paid (or its payment still processing) meanwhile. Read it again.
            again = as_dict(await stripe_call(self.client.v1.invoices.retrieve_async, invoice_id))
            if again.get("status") == PAID:
                return False
            if again.get("status") in CLOSED:
                return True
            raise
        return True

    async def _latest_invoice(self, gateway_subscription_id: str) -> dict[str, Any] | None:
        """The subscription's latest invoice, expanded (None: it has none)."""
        sub = as_dict(
            await stripe_call(
                self.client.v1.subscriptions.retrieve_async,
                gateway_subscription_id,
                params={"expand": ["latest_invoice"]},
            )
        )
        invoice = sub.get("latest_invoice")
        return as_dict(invoice) if invoice else None
