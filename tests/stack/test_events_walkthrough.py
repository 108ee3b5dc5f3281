"""The README's merchant-events walkthrough, as a new user runs it: ``sagas dev``, the
README's own receiver script (verifying with ``standardwebhooks``), an endpoint
registered over the API, then a checkout, a refund and a subscription: the receiver
prints each signed event; a redelivery arrives again."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.stack.devstack import DevStack
from tests.support.net import free_port

pytestmark = pytest.mark.slow

ADMIN = {"Authorization": "Bearer dev-admin-key"}
SERVICE = {"Authorization": "Bearer dev-service-key"}
README = Path(__file__).resolve().parents[2] / "README.md"


def readme_receiver() -> str:
    found = re.search(r"cat > /tmp/receiver.py <<'PY'\n(.*?)\nPY\n", README.read_text(), re.S)
    assert found, "the README's receiver script is missing"
    return found.group(1)


class Printed:
    """The receiver's printed lines, collected from its stdout."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert proc.stdout is not None
        out = proc.stdout
        threading.Thread(
            target=lambda: self.lines.extend(iter(out.readline, "")), daemon=True
        ).start()

    def wait(self, predicate: Callable[[list[list[str]]], bool], timeout: float = 40) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate([line.split() for line in list(self.lines)]):
                return
            time.sleep(0.2)
        raise AssertionError(f"the receiver printed {self.lines}")


def _post(api: httpx.Client, path: str, headers: dict[str, str], **body: Any) -> dict[str, Any]:
    r = api.post(path, headers=headers, json=body)
    assert r.status_code in (200, 201, 202), r.text
    data: dict[str, Any] = r.json()
    return data


def test_events_walkthrough(dev_stack: Callable[..., DevStack], tmp_path: Path) -> None:
    stack = dev_stack()
    if not stack.sim:
        pytest.skip("the PSP simulator is not installed")
    stack.env["PSP_POLL_INTERVAL_S"] = "5"  # as the README suggests, to see refunds sooner
    stack.start()
    stack.wait_ready()
    sim = f"http://127.0.0.1:{stack.sim_port}"
    port = free_port()
    script = tmp_path / "receiver.py"
    script.write_text(readme_receiver())
    receiver: subprocess.Popen[str] | None = None
    try:
        with httpx.Client(base_url=stack.api_url, timeout=60) as api:
            endpoint = _post(
                api,
                "/v1/webhook-endpoints",
                ADMIN,
                url=f"http://127.0.0.1:{port}/hooks",
                event_types=["*"],
                description="laptop",
            )
            receiver = subprocess.Popen(
                [sys.executable, str(script)],
                env={**os.environ, "SECRET": endpoint["secret"], "PORT": str(port)},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            printed = Printed(receiver)
            product = _post(
                api,
                "/v1/products",
                ADMIN,
                name="T-shirt",
                price=2500,
                currency="USD",
                category="apparel",
            )
            checkout = _post(
                api,
                "/v1/checkouts",
                {**SERVICE, "Idempotency-Key": "demo-events-1"},
                customer_id="cus_demo",
                customer_email="demo@example.com",
                items=[{"product_id": product["id"], "quantity": 2}],
                gateway="stripe",
                flow="payment_intent",
            )
            page = f"{sim}/pay/stripe/payment_intent/{checkout['gateway']['object_id']}"
            assert httpx.post(page, data={"action": "pay"}, timeout=30).status_code == 200
            order_id = checkout["order_id"]
            printed.wait(lambda rows: any(r[1:] == ["order.fulfilled", order_id] for r in rows))
            _post(
                api,
                f"/v1/orders/{order_id}/refunds",
                {**SERVICE, "Idempotency-Key": "r-1"},
                amount=1000,
            )
            plan = _post(
                api, "/v1/plans", ADMIN, name="Free", price=0, currency="USD", interval="month"
            )
            sub = _post(
                api,
                "/v1/subscriptions",
                {**SERVICE, "Idempotency-Key": "s-1"},
                customer_id="cus_demo",
                plan_id=plan["id"],
            )
            printed.wait(
                lambda rows: (
                    {
                        "checkout.paid",
                        "order.paid",
                        "order.fulfilled",
                        "refund.succeeded",
                        "order.partially_refunded",
                        "subscription.active",
                    }
                    <= {r[1] for r in rows if len(r) == 3}
                )
            )
            sequences = [int(r[0]) for r in (line.split() for line in printed.lines) if len(r) == 3]
            assert len(sequences) == len(set(sequences))  # each event once
            feed = api.get("/v1/events", params={"object_id": sub["id"]}, headers=SERVICE).json()
            (event,) = feed["data"]
            _post(api, f"/v1/events/{event['id']}/redeliver", ADMIN)
            printed.wait(
                lambda rows: sum(r[1:] == ["subscription.active", sub["id"]] for r in rows) == 2
            )
    finally:
        if receiver is not None:
            receiver.terminate()
            receiver.wait(timeout=10)
        assert stack.stop() == 0, stack.log()[-3000:]
