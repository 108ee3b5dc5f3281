"""The chaos test's moves on the whole stack: refunds on paid orders, the reconciliation
sweep through the admin API, workflow states from Temporal, the audit log through the
admin API. Bounded in count and time like the rest of the test."""

from __future__ import annotations

import asyncio
import random
import secrets
from collections import Counter
from datetime import datetime
from typing import Any

import httpx
from temporalio.client import Client

from sagas.chaos import observe
from tests.checkout.helpers import ADMIN, SERVICE
from tests.invariants.actors import Outcome, Stage, wait_checkout


async def refund_call(
    api: httpx.AsyncClient, order_id: str, body: dict[str, Any], key: str | None = None
) -> httpx.Response:
    headers = {**SERVICE, "Idempotency-Key": key or f"chaos-rf-{secrets.token_hex(6)}"}
    return await api.post(f"/v1/orders/{order_id}/refunds", json=body, headers=headers)


async def refunds(stage: Stage, outcomes: list[Outcome], rng: random.Random) -> list[str]:
    """Refunds on fulfilled orders; answers payer-visible violations (wrong codes)."""
    problems: list[str] = []

    async def fulfilled(o: Outcome) -> bool:
        if not o.checkout_id or o.expect != ("fulfilled",):
            return False
        try:
            await wait_checkout(stage, o.checkout_id, "fulfilled", timeout=30)
        except AssertionError:
            return False
        return True

    paid = [
        o
        for o, ok in zip(outcomes, await asyncio.gather(*map(fulfilled, outcomes)), strict=True)
        if ok
    ]
    rng.shuffle(paid)
    if len(paid) < 4:
        return [f"only {len(paid)} checkouts reached fulfilled: no refund mix"]
    full, partial, racing, twice = paid[:4]
    assert full.order_id and partial.order_id and racing.order_id and twice.order_id
    key = f"chaos-dup-{secrets.token_hex(6)}"
    answers = await asyncio.gather(
        refund_call(stage.api, full.order_id, {"reason": "chaos full"}),
        refund_call(stage.api, partial.order_id, {"amount": partial.total // 3}),
        refund_call(stage.api, racing.order_id, {"amount": racing.total * 6 // 10}),
        refund_call(stage.api, racing.order_id, {"amount": racing.total * 6 // 10}),
        refund_call(stage.api, twice.order_id, {"amount": 100}, key),
        refund_call(stage.api, twice.order_id, {"amount": 100}, key),
    )
    f, p, r1, r2, t1, t2 = answers
    for name, resp, o in (("full", f, full), ("partial", p, partial)):
        if resp.status_code != 202:
            problems.append(f"refund {name} on {o.who}: {resp.status_code} {resp.text[:200]}")
    if sorted([r1.status_code, r2.status_code]) != [202, 422]:
        problems.append(
            f"racing refunds on {racing.who}: {r1.status_code}/{r2.status_code}, want 202+422"
        )
    if not ({t1.status_code, t2.status_code} <= {200, 202}) or t1.json().get("id") != t2.json().get(
        "id"
    ):
        problems.append(f"same-key refunds on {twice.who}: {t1.text[:150]} / {t2.text[:150]}")
    return problems


async def reconcile(api: httpx.AsyncClient) -> dict[str, Any]:
    resp = await api.post(
        "/v1/admin/reconcile",
        headers=ADMIN,
        json={
            "older_than_s": 0,
            "checkout_grace_s": 0,
            "refund_pending_s": 0,
            "webhook_failed_older_than_s": 0,
            "wait_s": 60,
        },
        timeout=90,
    )
    assert resp.status_code in (200, 202), resp.text
    data: dict[str, Any] = resp.json()
    return data


async def workflow_statuses(client: Client, ids: set[str]) -> dict[str, str]:
    return await observe.workflow_statuses(client, ids)


async def audit(api: httpx.AsyncClient, since: datetime) -> Counter[tuple[str, str]]:
    """Deliveries in the audit log since ``since``, read through the admin API."""
    return await observe.audit(api, ADMIN, since)
