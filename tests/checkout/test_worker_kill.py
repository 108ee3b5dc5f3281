"""A worker killed (SIGKILL) mid-saga; a new one finishes the saga correctly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from temporalio.client import Client

from sagas.db.base import utcnow
from sagas.deps import Deps
from sagas.services.checkouts.create import create_checkout
from sagas.services.checkouts.requests import Item, NewCheckout
from sagas.settings import Settings
from sagas.starters.checkout import start_checkout
from tests.checkout.helpers import ledger, make_product, sim_post, wait_status

ROOT = Path(__file__).resolve().parents[2]


def _worker_process(settings: Settings, task_queue: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "TEMPORAL_ADDRESS": settings.temporal_address,
        "TEMPORAL_TASK_QUEUE": task_queue,
        "SAGAS_API_KEYS": settings.sagas_api_keys,
        "STRIPE_API_BASE": settings.stripe_api_base or "",
        "RAZORPAY_API_BASE": settings.razorpay_api_base or "",
        "STRIPE_API_KEY": settings.stripe_api_key.get_secret_value()
        if settings.stripe_api_key
        else "",
        "RAZORPAY_KEY_ID": settings.razorpay_key_id or "",
        "RAZORPAY_KEY_SECRET": settings.razorpay_key_secret.get_secret_value()
        if settings.razorpay_key_secret
        else "",
        "PSP_POLL_INTERVAL_S": "2",
        "WORKER_METRICS_PORT": "0",  # off: parallel test workers must not share a port
    }
    return subprocess.Popen(
        [sys.executable, str(ROOT / "worker.py")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def test_saga_survives_a_killed_worker(
    temporal_client: Client, deps: Deps, settings: Settings, sim: Any, task_queue: str
) -> None:
    queue = f"{task_queue}-kill"
    product = await make_product(deps)
    async with deps.sessions() as session:
        created = await create_checkout(
            session,
            NewCheckout(
                customer_id="cust_kill",
                customer_email="k@example.com",
                items=[Item(product, 2)],
                gateway="stripe",
                flow="payment_intent",
            ),
            idempotency_key=f"kill-{product}",
            request_fingerprint="x" * 64,
            now=utcnow(),
            default_expires_in_s=300,
        )
        await session.commit()
    co = created.checkout
    first = _worker_process(settings, queue)
    try:
        result = await start_checkout(
            temporal_client, co, settings.model_copy(update={"temporal_task_queue": queue})
        )
        assert result.ok and result.gateway_object_id
        await wait_status(deps, co.id, "awaiting_payment")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=20)
    # Paid while no worker runs: the saga must pick it up after the restart.
    await sim_post(
        sim, f"/stripe/payment_intents/{result.gateway_object_id}/pay", {"outcome": "succeed"}
    )
    second = _worker_process(settings, queue)
    try:
        _, order = await wait_status(deps, co.id, "fulfilled", timeout=180)
        assert order.captured_minor == 10000
        assert len(await ledger(deps, order.id)) == 1
        outcome = await temporal_client.get_workflow_handle(co.workflow_id).result()
        assert (
            outcome["stage"] == "fulfilled"
            if isinstance(outcome, dict)
            else (outcome.stage == "fulfilled")
        )
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=20)
        except subprocess.TimeoutExpired:
            second.kill()
            second.wait(timeout=10)
