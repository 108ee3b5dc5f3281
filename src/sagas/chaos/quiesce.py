"""Quiescence: faults off, the reconciliation sweep, and a bounded wait until every flow
the campaign started has ended (subscriptions: left their first-payment wait)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order
from sagas.db.models.refunds import Refund
from sagas.db.models.subscriptions import Subscription

from .actors.stage import Started
from .http import Api
from .progress import Progress
from .rows import TERMINAL_CHECKOUT, TERMINAL_ORDER

SWEEP_EVERY_S = 30.0
LONG_SWEEP_BACKOFF_S = 90.0
WAITING_SUBSCRIPTION = {"pending_payment", "incomplete"}
CHUNK = 500


async def sweep(api: Api) -> dict[str, Any]:
    """One sweep through ``POST /v1/admin/reconcile``, its report (or {} if it ran long)."""
    body = {
        "older_than_s": 0,
        "checkout_grace_s": 0,
        "refund_pending_s": 0,
        "webhook_failed_older_than_s": 0,
        "wait_s": 110,
    }
    resp = await api.call("POST", "/v1/admin/reconcile", json=body, headers=api.admin, attempts=3)
    if resp is not None and resp.status_code == 202:
        return {"running": resp.json().get("workflow_id")}  # a long sweep goes on by itself
    if resp is None or resp.status_code != 200:
        return {}
    report: dict[str, Any] = resp.json().get("report") or {}
    return report


async def open_flows(sessions: async_sessionmaker[AsyncSession], started: Started) -> Counter[str]:
    """What is still open, by kind and status (empty when everything has ended)."""
    left: Counter[str] = Counter()
    cids, rids, sids = list(started.checkouts), list(started.refunds), list(started.subscriptions)
    async with sessions() as s:
        for i in range(0, len(cids), CHUNK):
            rows = await s.execute(
                select(Checkout.status, Order.status)
                .join(Order, Order.id == Checkout.order_id)
                .where(Checkout.id.in_(cids[i : i + CHUNK]))
            )
            for co, order in rows.all():
                if co not in TERMINAL_CHECKOUT or order not in TERMINAL_ORDER:
                    left[f"checkout:{co}/{order}"] += 1
        for i in range(0, len(rids), CHUNK):
            for st in await s.scalars(
                select(Refund.status).where(Refund.id.in_(rids[i : i + CHUNK]))
            ):
                if st == "pending":
                    left["refund:pending"] += 1
        for i in range(0, len(sids), CHUNK):
            for st in await s.scalars(
                select(Subscription.status).where(Subscription.id.in_(sids[i : i + CHUNK]))
            ):
                if st in WAITING_SUBSCRIPTION:
                    left[f"subscription:{st}"] += 1
    return left


async def quiesce(
    api: Api,
    sessions: async_sessionmaker[AsyncSession],
    started: Started,
    deadline: float,
    progress: Progress,
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Sweep and wait until nothing is open or ``deadline`` (monotonic) passes; answers
    the sweeps' reports and what was still open at the end."""
    reports: list[dict[str, Any]] = []
    last_sweep = 0.0
    total = len(started.checkouts) + len(started.refunds) + len(started.subscriptions)
    while True:
        left = await open_flows(sessions, started)
        progress.set("quiescence", total - sum(left.values()), total, _top(left))
        if not left or time.monotonic() >= deadline:
            return reports, left
        if time.monotonic() - last_sweep >= SWEEP_EVERY_S:
            last_sweep = time.monotonic()
            reports.append(await sweep(api))
            if "running" in reports[-1]:
                last_sweep += LONG_SWEEP_BACKOFF_S  # let it finish before another starts
            continue
        await asyncio.sleep(min(3.0, max(0.0, deadline - time.monotonic())))


def _top(left: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in left.most_common(3))
