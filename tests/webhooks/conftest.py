"""Webhook test fixtures: the recorder flow on its own worker, seeded rows, signed senders."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import stripe
from temporalio.client import Client
from temporalio.worker import Worker

from sagas.db.ids import new_id
from sagas.db.models.checkouts import Checkout
from sagas.db.models.subscriptions import Subscription
from sagas.deps import Deps
from sagas.domain.psp_events import PspEvent
from sagas.settings import Settings
from tests.webhooks.recorder import RecorderWorkflow
from tests.webhooks.signing import razorpay_signature


@pytest.fixture(scope="session")
async def recorder_queue(temporal_client: Client) -> AsyncIterator[str]:
    queue = f"wh-recorder-{secrets.token_hex(4)}"
    w = Worker(temporal_client, task_queue=queue, workflows=[RecorderWorkflow])
    task = asyncio.create_task(w.run())
    try:
        yield queue
    finally:
        await w.shutdown()
        await asyncio.gather(task, return_exceptions=True)


async def start_recorder(client: Client, queue: str, hold_s: int = 120) -> str:
    workflow_id = f"wh-rec-{secrets.token_hex(6)}"
    await client.start_workflow(RecorderWorkflow.run, hold_s, id=workflow_id, task_queue=queue)
    return workflow_id


async def received(client: Client, workflow_id: str) -> list[PspEvent]:
    events: list[PspEvent] = await client.get_workflow_handle(workflow_id).query(
        RecorderWorkflow.received, result_type=list[PspEvent]
    )
    return events


async def seed_checkout(
    deps: Deps, workflow_id: str, *, gateway: str = "stripe", object_id: str | None = None
) -> str:
    """A checkouts row that routes to ``workflow_id`` (no order behind it: routing only)."""
    checkout_id = new_id("co")
    async with deps.sessions() as session, session.begin():
        session.add(
            Checkout(
                id=checkout_id,
                idempotency_key=secrets.token_hex(12),
                request_fingerprint="0" * 64,
                order_id=new_id("ord"),
                customer_id="cust_wh",
                customer_email="wh@example.com",
                gateway=gateway,
                flow="payment_intent" if gateway == "stripe" else "order",
                status="cancelled",  # a closed row: reconciliation sweeps leave it alone
                currency="USD",
                subtotal_minor=1000,
                discount_minor=0,
                total_minor=1000,
                client_token_hash="0" * 64,
                expires_at=datetime.now(UTC) + timedelta(hours=1),
                request_metadata={},
                gateway_object_kind="payment_intent",
                gateway_object_id=object_id,
                payer_details={},
                workflow_id=workflow_id,
            )
        )
    return checkout_id


async def seed_subscription(
    deps: Deps, workflow_id: str, *, gateway: str, gateway_subscription_id: str
) -> str:
    sub_id = new_id("sub")
    async with deps.sessions() as session, session.begin():
        session.add(
            Subscription(
                id=sub_id,
                idempotency_key=secrets.token_hex(12),
                request_fingerprint="0" * 64,
                customer_id="cust_wh",
                plan_id="plan_wh",
                gateway=gateway,
                status="active",
                price_minor=1000,
                currency="USD",
                gateway_subscription_id=gateway_subscription_id,
                payer_details={},
                workflow_id=workflow_id,
            )
        )
    return sub_id


def stripe_event(type_: str, obj: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "id": event_id or f"evt_{secrets.token_hex(8)}",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type_,
    }


def pi_object(
    pi_id: str, metadata: dict[str, Any] | None = None, status: str = "succeeded"
) -> dict[str, Any]:
    return {
        "id": pi_id,
        "object": "payment_intent",
        "amount": 1000,
        "amount_received": 1000 if status == "succeeded" else 0,
        "currency": "usd",
        "status": status,
        "metadata": metadata or {},
    }


class Sender:
    """Posts signed deliveries to one API base URL."""

    def __init__(self, client: httpx.AsyncClient, settings: Settings) -> None:
        self.client = client
        self.stripe_secret = settings.stripe_webhook_secret.get_secret_value()
        self.razorpay_secret = settings.razorpay_webhook_secret.get_secret_value()

    async def stripe(
        self,
        event: dict[str, Any] | bytes,
        *,
        secret: str | None = None,
        at: int | None = None,
        **headers: str,
    ) -> httpx.Response:
        body = event if isinstance(event, bytes) else json.dumps(event).encode()
        sig = stripe.WebhookSignature.generate_signature_header(
            body.decode("utf-8", "replace"), secret or self.stripe_secret, timestamp=at
        )
        merged = {"Content-Type": "application/json", "Stripe-Signature": sig, **headers}
        return await self.client.post("/webhooks/stripe", content=body, headers=merged)

    async def razorpay(
        self, envelope: dict[str, Any] | bytes, event_id: str | None, *, secret: str | None = None
    ) -> httpx.Response:
        body = envelope if isinstance(envelope, bytes) else json.dumps(envelope).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Razorpay-Signature": razorpay_signature(body, secret or self.razorpay_secret),
        }
        if event_id is not None:
            headers["X-Razorpay-Event-Id"] = event_id
        return await self.client.post("/webhooks/razorpay", content=body, headers=headers)


@pytest.fixture
async def send(api: httpx.AsyncClient, settings: Settings) -> Sender:
    return Sender(api, settings)
