"""Helpers of the PSP-bills-by-itself tests: the simulator's test clock, the payer's saved
card behaviour, and bounded waits on our rows. No per-renewal control call here."""

from __future__ import annotations

import os
from typing import Any

import httpx
from temporalio.client import Client

from sagas.deps import Deps
from tests.replay.record import HISTORIES_DIR
from tests.subscriptions.helpers import (
    create_plan,
    pay_first,
    row,
    sim_object,
    subscribe,
    wait_status,
)
from tests.support.net import eventually

DAY = 86400


async def record_first_run(client: Client, workflow_id: str, name: str) -> None:
    """With ``SAGAS_RECORD_HISTORIES=1``: the workflow's first run (up to its CAN)."""
    if os.environ.get("SAGAS_RECORD_HISTORIES") != "1":
        return
    first = (await client.get_workflow_handle(workflow_id).describe()).raw_description
    run_id = first.workflow_execution_info.first_run_id
    history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
    (HISTORIES_DIR / f"{name}.json").write_text(history.to_json())


async def control(sim: Any, method: str, path: str, body: Any = None) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=15) as client:
        r = await client.request(method, f"{sim.base_url}/_sim/{path}", json=body)
        assert r.status_code == 200, f"{path}: {r.status_code} {r.text}"
        data: dict[str, Any] = r.json()
        return data


async def advance_to(sim: Any, moment: int, by: int = 5) -> None:
    """Move the simulator's clock (both PSPs) to ``by`` seconds past ``moment``."""
    now = (await control(sim, "GET", "clock"))["now"]
    await control(sim, "POST", "clock/advance", {"seconds": max(0, moment - now) + by})


async def advance_days(sim: Any, days: float) -> None:
    await control(sim, "POST", "clock/advance", {"seconds": int(days * DAY) + 5})


async def to_period_end(sim: Any, gsid: str) -> None:
    psp = await sim_object(sim, "stripe", gsid)
    await advance_to(sim, int(psp["items"]["data"][0]["current_period_end"]))


async def to_charge_at(sim: Any, gsid: str) -> None:
    psp = await sim_object(sim, "razorpay", gsid)
    await advance_to(sim, int(psp["charge_at"]))


async def card(sim: Any, gateway: str, gsid: str, outcome: str) -> None:
    """How the payer's saved method behaves from now on, set on their PSP customer."""
    psp = await sim_object(sim, gateway, gsid)
    if gateway == "stripe":
        path = f"stripe/customers/{psp['customer']}/default_payment_method"
    else:
        path = f"razorpay/customers/{psp['customer_id']}/payment_method"
    await control(sim, "PUT", path, {"outcome": outcome})


async def active(
    api: httpx.AsyncClient, deps: Deps, sim: Any, cus: str, gateway: str = "stripe"
) -> tuple[str, str, str]:
    """A subscription whose first payment the payer made: its id, PSP id and plan."""
    if gateway == "stripe":
        plan = await create_plan(api, price=1500)
    else:
        plan = await create_plan(api, price=49900, currency="INR")
    r = await subscribe(api, customer_id=cus, plan_id=plan["id"], gateway=gateway)
    assert r.status_code == 201, r.text
    sub = r.json()
    await pay_first(sim, gateway, sub["gateway_subscription_id"])
    await wait_status(deps.sessions, sub["id"], "active")
    return sub["id"], sub["gateway_subscription_id"], plan["id"]


async def period_index(deps: Deps, sub_id: str, n: int) -> None:
    async def reached() -> bool:
        return (await row(deps.sessions, sub_id)).period_index >= n

    await eventually(reached, timeout=40, interval=0.2, message=f"period {n} never recorded")
