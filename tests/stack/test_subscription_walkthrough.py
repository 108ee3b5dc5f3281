"""The README's subscription walkthrough, as a new user runs it: ``sagas dev`` with
``SAGAS_DEV_SECONDS_PER_DAY=10`` (the simulator gets the same day), a daily plan with a
one-day trial, one subscription followed through its trial (the card saved up front),
its conversion and renewals by the PSP itself, a declining card (``past_due``) and its
fix, with the entitlements and the Temporal UI's query at each step.

The control calls stand in for the payer only (saving a card, the card's behaviour);
no renewal is a control call: the simulator bills on its own clock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from temporalio.client import Client

from tests.stack.devstack import DevStack

pytestmark = pytest.mark.slow

ADMIN = {"Authorization": "Bearer dev-admin-key"}
SERVICE = {"Authorization": "Bearer dev-service-key"}
DAY_S = 10
CUSTOMER = "cus_walkthrough"


class Walk:
    """The user's two terminals: the API and the simulator's control API."""

    def __init__(self, api: httpx.Client, sim: httpx.Client, sub_id: str) -> None:
        self.api, self.sim, self.sub_id = api, sim, sub_id

    def sub(self) -> dict[str, Any]:
        shown = self.api.get(f"/v1/subscriptions/{self.sub_id}", headers=SERVICE)
        assert shown.status_code == 200, shown.text
        return dict(shown.json())

    def until(
        self, what: str, probe: Callable[[dict[str, Any]], bool], timeout: float
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        sub = self.sub()
        while not probe(sub) and time.monotonic() < deadline:
            time.sleep(0.5)
            sub = self.sub()
        assert probe(sub), f"{what}: {sub}"
        return sub

    def entitled(self) -> list[str]:
        got = self.api.get(f"/v1/customers/{CUSTOMER}/entitlements", headers=SERVICE)
        assert got.status_code == 200, got.text
        return [e["status"] for e in got.json()["entitlements"]]

    def control(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        done = self.sim.post(path, json=body)
        assert done.status_code == 200, (path, done.text)
        return dict(done.json())


def _moved_on(period_end: str) -> Callable[[dict[str, Any]], bool]:
    return lambda sub: sub["current_period_end"] != period_end


async def _in_stage(address: str, workflow_id: str, stage: str) -> bool:
    """The README's UI query for the live run, through the client (visibility lags:
    bounded wait)."""
    temporal = await Client.connect(address)
    query = (
        f'SagaKind = "subscription" AND CustomerId = "{CUSTOMER}"'
        f' AND SagaStage = "{stage}" AND ExecutionStatus = "Running"'
    )
    for _ in range(20):
        if workflow_id in [wf.id async for wf in temporal.list_workflows(query)]:
            return True
        await asyncio.sleep(0.5)
    return False


def _walk(stack: DevStack) -> None:
    sim_url = f"http://127.0.0.1:{stack.sim_port}"
    with (
        httpx.Client(base_url=stack.api_url, timeout=60) as api,
        httpx.Client(base_url=f"{sim_url}/_sim", timeout=30) as sim,
    ):
        plan = api.post(
            "/v1/plans",
            headers=ADMIN,
            json={
                "name": "Daily",
                "price": 500,
                "currency": "USD",
                "interval": "day",
                "trial_days": 1,
            },
        )
        assert plan.status_code == 201, plan.text
        made = api.post(
            "/v1/subscriptions",
            headers={**SERVICE, "Idempotency-Key": "walkthrough-1"},
            json={"customer_id": CUSTOMER, "plan_id": plan.json()["id"], "gateway": "stripe"},
        )
        assert made.status_code == 201, made.text
        body = made.json()
        assert body["status"] == "trialing" and body["gateway_subscription_id"], body
        assert body["payer"]["setup_client_secret"], body
        walk = Walk(api, sim, body["id"])
        assert walk.entitled() == ["trialing"]
        wf_id = body["workflow_id"]
        assert asyncio.run(_in_stage(stack.temporal_address, wf_id, "trialing"))
        walk.control(
            f"/stripe/setup_intents/{body['payer']['setup_intent_id']}/confirm",
            {"outcome": "succeed"},
        )

        # The trial ends (one scaled day): Stripe charges the saved card by itself.
        sub = walk.until("trial converted", lambda s: s["status"] == "active", 3 * DAY_S)
        assert walk.entitled() == ["active"]

        # Two renewals arrive by themselves, one a day.
        for _ in range(2):
            sub = walk.until("renewed", _moved_on(sub["current_period_end"]), 3 * DAY_S)
            assert sub["status"] == "active" and walk.entitled() == ["active"]

        # The card starts declining: past_due at the next period's end, entitled only
        # during the grace (until the first dunning check, one scaled day later).
        gsid = sub["gateway_subscription_id"]
        cus = dict(sim.get(f"/stripe/objects/{gsid}").json())["customer"]
        card = f"/stripe/customers/{cus}/default_payment_method"
        assert sim.put(card, json={"outcome": "decline"}).status_code == 200
        sub = walk.until("past_due", lambda s: s["status"] == "past_due", 3 * DAY_S)
        assert sub["grace_until"] is not None
        assert walk.entitled() == ["past_due"]
        assert asyncio.run(_in_stage(stack.temporal_address, wf_id, "past_due"))
        sub = walk.until("grace over", lambda s: s["grace_until"] is None, 3 * DAY_S)
        assert sub["status"] == "past_due" and walk.entitled() == []

        # The payer fixes the card: the next charge pays.
        assert sim.put(card, json={"outcome": "succeed"}).status_code == 200
        sub = walk.until("recovered", lambda s: s["status"] == "active", 4 * DAY_S)
        assert walk.entitled() == ["active"]


def test_subscription_walkthrough(dev_stack: Callable[..., DevStack]) -> None:
    stack = dev_stack()
    if not stack.sim:
        pytest.skip("the PSP simulator is not installed")
    stack.env.update(SAGAS_DEV_SECONDS_PER_DAY=str(DAY_S))
    started = time.monotonic()
    stack.start()
    try:
        stack.wait_ready()
        _walk(stack)
    finally:
        assert stack.stop() == 0, stack.log()[-3000:]
    assert time.monotonic() - started < 180
