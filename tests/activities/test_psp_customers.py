"""One PSP customer per customer (CONTRACT 12), even when the PSP's answer is lost.

The simulator carries the create out and then cuts the connection (`api_lost_response_rate`
on the customers path): the caller sees a network error, as the activity would, and
retries. The retry must answer the customer the lost call made, on both gateways (Stripe
by its idempotency key, Razorpay by `fail_existing: "0"` on the email made from it).
"""

from __future__ import annotations

import secrets
from typing import Any

import httpx
import pytest

from sagas.activities.psp_customers import psp_customer
from sagas.db.engine import unit_of_work
from sagas.deps import Deps
from sagas.gateways.errors import TransientGatewayError
from sagas.gateways.razorpay.customers.identity import display_name, key_email
from sagas.gateways.registry import GatewayRegistry
from sagas.services import customers

PATHS = {"stripe": "/stripe/v1/customers", "razorpay": "/razorpay/v1/customers"}


async def _psp_customers(sim: Any, gateway: str, customer_id: str) -> list[str]:
    """The simulator's own customers made for ``customer_id`` (whatever we recorded)."""
    async with httpx.AsyncClient(timeout=15) as client:
        r = await client.get(f"{sim.base_url}/_sim/objects")
        assert r.status_code == 200, r.text
    tags = {"stripe": ("object", "metadata"), "razorpay": ("entity", "notes")}[gateway]
    kind, meta = tags
    return [
        o["id"]
        for o in r.json()[gateway]
        if o.get(kind) == "customer" and (o.get(meta) or {}).get("customer_id") == customer_id
    ]


async def _faults(sim: Any, body: dict[str, Any] | None) -> None:
    async with httpx.AsyncClient(base_url=f"{sim.base_url}/_sim", timeout=10) as control:
        r = await (control.put("/faults", json=body) if body else control.delete("/faults"))
        assert r.status_code == 200, r.text


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_a_lost_answer_then_a_retry_makes_one_psp_customer(
    psp_deps: Deps, sim: Any, gateway: str
) -> None:
    cus = f"cus-{secrets.token_hex(5)}"
    psp = GatewayRegistry(psp_deps.gateways).get(gateway)
    await _faults(sim, {"api_lost_response_rate": 1.0, "api_error_paths": [PATHS[gateway]]})
    try:
        with pytest.raises(TransientGatewayError):
            await psp_customer(psp_deps.sessions, psp, customer_id=cus)
    finally:
        await _faults(sim, None)
    made_by_lost_call = await _psp_customers(sim, gateway, cus)
    assert len(made_by_lost_call) == 1  # the PSP did make it; we never heard
    async with unit_of_work(psp_deps.sessions) as session:
        assert await customers.find(session, cus, gateway) is None

    retried = await psp_customer(psp_deps.sessions, psp, customer_id=cus)
    assert retried == made_by_lost_call[0]
    assert await psp_customer(psp_deps.sessions, psp, customer_id=cus) == retried  # stored
    assert await _psp_customers(sim, gateway, cus) == [retried]


async def test_razorpay_customer_fields_are_ones_razorpay_accepts(psp_deps: Deps, sim: Any) -> None:
    """An id Razorpay's name rules refuse (a hyphen, too short) still makes a customer;
    the email standing for the key is stable, short enough, and never deliverable."""
    assert display_name("cus-a1_b2") == "cus a1 b2"
    assert display_name("x") == "Customer x"
    assert display_name("-" * 80) == "Customer"
    email = key_email("customer-" + "é" * 300)
    assert email == key_email("customer-" + "é" * 300) and len(email) <= 64
    assert email.endswith(".invalid") and key_email("customer-a") != key_email("customer-b")
    psp = GatewayRegistry(psp_deps.gateways).get("razorpay")
    cus = f"c-{secrets.token_hex(3)}"
    made = await psp_customer(psp_deps.sessions, psp, customer_id=cus)
    async with httpx.AsyncClient(timeout=15) as client:
        r = await client.get(f"{sim.base_url}/_sim/razorpay/objects/{made}")
    assert r.status_code == 200, r.text
    assert r.json()["email"] == key_email(customers.idempotency_key(cus))
    assert r.json()["notes"]["customer_id"] == cus
