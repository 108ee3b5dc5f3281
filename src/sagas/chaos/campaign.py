"""One campaign, in phases, inside the ``--duration`` bound:

1. the catalogue (products, a contested discount code, plans);
2. load under faults: checkouts, subscriptions, then refunds on paid orders, while the
   worker is killed every ``worker_kill_every_s`` and Temporal restarted once;
3. faults off, quiescence: sweeps until every flow has ended;
4. the checks: invariants 1-12, then malformed input against the write endpoints.

Budget: the load may use half of what is left after start-up, quiescence all but a
fifth (40-240 s) kept for the checks. A phase cut short makes the run incomplete
(exit 1), never a pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sagas.db.engine import make_engine, make_session_factory
from sagas.db.models.checkouts import Checkout
from sagas.db.models.refunds import Refund
from sagas.settings import Settings
from sagas.temporal.client import connect

from . import faults, observe, quiesce
from .actors.stage import Started, run_tag
from .catalogue import stage
from .fuzz import fuzz
from .http import Api
from .load import drive
from .options import Options
from .process_faults.owed import finish_process_faults
from .process_faults.record import ProcessFaults
from .process_faults.timed import process_faults
from .progress import Progress
from .report.report import Report
from .stack import Controls, Target
from .verdict.evidence import Evidence
from .verdict.gather import gather
from .verdict.judge import judge

API_TIMEOUT_S = 130.0
Sessions = async_sessionmaker[AsyncSession]
Hook = Callable[[Sessions, Started], Awaitable[None]]


def _counts(ev: Evidence, started: Started) -> dict[str, Any]:
    subs = Counter(s.status for s in ev.db.subscriptions)
    return {
        "checkouts": {
            "started": len(started.checkouts),
            "ended": dict(Counter(c.status for c in ev.db.checkouts.values())),
        },
        "refunds": {
            "started": len(started.refunds),
            "ended": dict(Counter(r.status for r in ev.db.refunds if r.id in started.refunds)),
        },
        "subscriptions": {"started": len(started.subscriptions), "ended": dict(subs)},
        "refused": len(started.refused),
        "refused_examples": started.refused[:5],
    }


def _checks_reserve(total_s: float) -> float:
    """Seconds kept for the checks: a fifth of the bound, at least 40 s, at most 240 s."""
    return min(240.0, max(40.0, total_s * 0.2))


def _repaired(sweeps: list[dict[str, Any]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for rep in sweeps:
        for kind, n in (rep.get("counts") or {}).items():
            if isinstance(n, int):
                total[kind] += n
    return {k: v for k, v in total.items() if v}


async def _fuzz(
    api: Api, sessions: Sessions, ev: Evidence, rng: random.Random, cases: int
) -> list[str]:
    """Invariant 9: malformed bodies never answer 500, and change nothing."""
    closed = next((o for o in ev.db.orders.values() if o.status in ("expired", "cancelled")), None)
    if closed is None:
        return []
    async with sessions() as s:
        before = (
            await s.scalar(select(func.count()).select_from(Checkout)),
            await s.scalar(select(func.count()).select_from(Refund)),
        )
    found = await fuzz(
        api.client,
        rng,
        product_id="prod_missing_chaos",
        order_id=closed.id,
        checkout_id=closed.checkout_id,
        service=api.service,
        admin=api.admin,
        per_endpoint=cases,
    )
    async with sessions() as s:
        after = (
            await s.scalar(select(func.count()).select_from(Checkout)),
            await s.scalar(select(func.count()).select_from(Refund)),
        )
    if before != after:
        found.append(f"inv9: malformed requests created rows: {before} -> {after}")
    return found


async def run(
    settings: Settings,
    target: Target,
    controls: Controls,
    opts: Options,
    *,
    service_key: str,
    admin_key: str,
    deadline: float,
    progress: Progress,
    after_quiescence: Hook | None = None,
) -> Report:
    """Run one campaign against ``target``; ``deadline`` is ``time.monotonic()``-based.

    ``after_quiescence`` runs between quiescence and the checks: a test breaks an
    invariant there on purpose, to prove the checker reports it."""
    began = time.monotonic()
    rng = random.Random(opts.seed)
    engine = make_engine(target.database_url)
    sessions = make_session_factory(engine)
    temporal = await connect(
        settings.model_copy(update={"temporal_address": target.temporal_address})
    )
    problems: list[str] = []
    async with (
        httpx.AsyncClient(base_url=target.api_url, timeout=API_TIMEOUT_S) as client,
        httpx.AsyncClient(base_url=target.sim_url, timeout=60) as sim,
    ):
        api = Api(
            client,
            sim,
            {"Authorization": f"Bearer {service_key}"},
            {"Authorization": f"Bearer {admin_key}"},
        )
        try:
            st = await stage(api, opts, run_tag())
            since = datetime.now(UTC) - timedelta(seconds=2)
            log_before = await observe.last_webhook_id(sim)
            feed_after = await observe.feed_head(api)
            left_s = max(0.0, deadline - time.monotonic())
            load_budget = left_s * 0.5
            skipped = await faults.turn_on(sim, opts.faults, opts.seed)
            said = ProcessFaults()
            chaos = asyncio.create_task(process_faults(controls, opts, said, progress))
            try:
                await asyncio.wait_for(drive(st, opts, rng, progress), timeout=load_budget)
            except TimeoutError:
                problems.append(f"the load did not finish within {load_budget:.0f} s")
            finally:
                chaos.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await chaos
            try:
                await finish_process_faults(controls, opts, said, progress)
            finally:
                await faults.turn_off(sim)
            problems += [f"process fault failed: {e}" for e in said.errors or []]
            progress.say("faults off; sweeping until every flow has ended")
            sweeps, left = await quiesce.quiesce(
                api, sessions, st.started, deadline - _checks_reserve(deadline - began), progress
            )
            if left:  # invariant 3 names each one; the progress line says how many
                progress.say(f"still open when quiescence ended: {dict(left)}")
            if after_quiescence is not None:
                await after_quiescence(sessions, st.started)
            progress.set("checks", 0, 12, "reading the database, Temporal, the PSP, the feed")
            ev = await gather(
                api,
                sessions,
                temporal,
                st.started,
                st.code,
                since=since,
                log_before=log_before,
                feed_after=feed_after,
            )
            fuzzed = await _fuzz(api, sessions, ev, rng, opts.fuzz_cases)
            invariants = judge(
                ev,
                st.started,
                fuzzed=fuzzed,
                server_errors=api.server_errors,
                slack_s=settings.reconcile_interval_s,
            )
            progress.set("checks", 12, 12, "done")
        finally:
            await engine.dispose()
    log = ev.log
    report_faults = {
        "settings": {k: v for k, v in opts.faults.items() if k not in skipped},
        "skipped": skipped,
        "deliveries": sum(ev.made.values()),
        "dropped": sum(1 for e in log if e.get("dropped")),
        "duplicated": sum(1 for e in log if e.get("duplicate")),
        "worker_kills": said.worker_kills,
        "temporal_restarts": said.temporal_restarts,
        "sweeps": len(sweeps),
        "repaired": _repaired(sweeps),
        "transport_errors": api.transport_errors,
    }
    return Report(
        seed=opts.seed,
        options={
            "checkouts": opts.checkouts,
            "refunds": opts.refunds,
            "subscriptions": opts.subscriptions,
            "duration_s": opts.duration_s,
        },
        counts=_counts(ev, st.started),
        faults=report_faults,
        invariants=invariants,
        elapsed_s=time.monotonic() - began,
        complete=not problems,
        problems=problems,
    )
