"""Stripe: closing an unpaid first payment voids the open invoice (its PaymentIntent is
canceled, so the payer can no longer pay it); a paid one is reported, not voided."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import stripe

from sagas.deps import Deps
from sagas.gateways.registry import GatewayRegistry

pytestmark = pytest.mark.timeout(60)


async def _incomplete(client: stripe.StripeClient) -> Any:
    customer = await client.v1.customers.create_async(params={"email": "close@example.com"})
    price = await client.v1.prices.create_async(
        params={
            "unit_amount": 1500,
            "currency": "usd",
            "recurring": {"interval": "month"},
            "product_data": {"name": "Close test"},
        }
    )
    return await client.v1.subscriptions.create_async(
        params={
            "customer": customer.id,
            "items": [{"price": price.id}],
            "payment_behavior": "default_incomplete",
            "expand": ["latest_invoice"],
        }
    )


async def test_an_unpaid_first_invoice_is_voided(deps: Deps, sim: Any) -> None:
    client = deps.gateways.require_stripe()
    sub = await _incomplete(client)
    gateway = GatewayRegistry(deps.gateways).get("stripe").subscriptions
    assert await gateway.close_first_payment(sub.id) is True
    invoice = await client.v1.invoices.retrieve_async(sub.latest_invoice.id)
    assert invoice.status == "void"
    with pytest.raises(stripe.InvalidRequestError):
        await client.v1.invoices.pay_async(invoice.id)
    assert await gateway.close_first_payment(sub.id) is True  # again: already closed


async def test_a_paid_first_invoice_is_reported_paid(deps: Deps, sim: Any) -> None:
    client = deps.gateways.require_stripe()
    sub = await _incomplete(client)
    async with httpx.AsyncClient(timeout=10) as http:
        paid = await http.post(
            f"{sim.base_url}/_sim/stripe/subscriptions/{sub.id}/pay_first_invoice",
            json={"outcome": "succeed"},
        )
    paid.raise_for_status()
    gateway = GatewayRegistry(deps.gateways).get("stripe").subscriptions
    assert await gateway.close_first_payment(sub.id) is False
    invoice = await client.v1.invoices.retrieve_async(sub.latest_invoice.id)
    assert invoice.status == "paid"
