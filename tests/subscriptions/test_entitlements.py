"""The feature gate at every status, read from our rows (CONTRACT invariant 8)."""

from __future__ import annotations

import secrets
from datetime import timedelta

import httpx
import pytest

from sagas.db.base import utcnow
from sagas.db.ids import new_id
from sagas.db.models.subscriptions import Plan, Subscription
from sagas.deps import Deps
from sagas.services.entitlements import entitlements
from tests.conftest import ADMIN, SERVICE

NOW = utcnow()
CASES = [
    ("active", None, True),
    ("trialing", None, True),
    ("pending_payment", None, False),
    ("past_due", NOW + timedelta(hours=1), True),  # within its grace
    ("past_due", NOW - timedelta(seconds=1), False),  # grace over
    ("past_due", None, False),  # grace ended by the workflow
    ("expired", None, False),
    ("cancelled", None, False),
]


async def _seed(deps: Deps, customer_id: str, status: str, grace: object) -> str:
    async with deps.sessions() as session, session.begin():
        plan = Plan(
            id=new_id("plan"),
            name=status,
            price_minor=100,
            currency="USD",
            interval="month",
            interval_count=1,
            trial_days=0,
            active=True,
        )
        sub_id = new_id("sub")
        session.add(plan)
        session.add(
            Subscription(
                id=sub_id,
                idempotency_key=f"ent-{secrets.token_hex(8)}",
                request_fingerprint="x",
                customer_id=customer_id,
                plan_id=plan.id,
                gateway="stripe",
                status=status,
                price_minor=100,
                currency="USD",
                payer_details={},
                grace_until=grace,
                current_period_end=NOW + timedelta(days=30),
                workflow_id=f"subscription-{sub_id}",
            )
        )
    return plan.id


@pytest.mark.parametrize(("status", "grace", "granted"), CASES)
async def test_entitlement_by_status(deps: Deps, status: str, grace: object, granted: bool) -> None:
    cus = f"ent-{secrets.token_hex(5)}"
    plan_id = await _seed(deps, cus, status, grace)
    async with deps.sessions() as session:
        found = await entitlements(session, cus, utcnow())
    assert [e.plan_id for e in found] == ([plan_id] if granted else [])


async def test_entitlements_api(api: httpx.AsyncClient, deps: Deps) -> None:
    cus = f"ent-{secrets.token_hex(5)}"
    granted = {await _seed(deps, cus, s, g) for s, g, ok in CASES if ok}
    for s, g, ok in CASES:
        if not ok:
            await _seed(deps, cus, s, g)
    r = await api.get(f"/v1/customers/{cus}/entitlements", headers=SERVICE)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["customer_id"] == cus
    assert {e["plan_id"] for e in body["entitlements"]} == granted
    assert all(e["status"] in ("active", "trialing", "past_due") for e in body["entitlements"])
    unknown = await api.get(
        f"/v1/customers/nobody-{secrets.token_hex(3)}/entitlements", headers=SERVICE
    )
    assert unknown.status_code == 200 and unknown.json()["entitlements"] == []
    assert (await api.get(f"/v1/customers/{cus}/entitlements", headers=ADMIN)).status_code == 403
    assert (await api.get(f"/v1/customers/{cus}/entitlements")).status_code == 401
