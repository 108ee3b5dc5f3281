"""The campaign's load: every planned flow, checkouts and subscriptions first, then refunds
on the paid checkouts, at bounded concurrency."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from functools import partial

from .actors.checkouts import checkout
from .actors.refunds import refund
from .actors.stage import Stage
from .actors.subscriptions import subscription
from .bounded import _bounded
from .options import Options
from .plans.checkouts import checkouts
from .plans.refunds import refunds
from .plans.subscriptions import subscriptions
from .progress import Progress


async def drive(st: Stage, opts: Options, rng: random.Random, progress: Progress) -> None:
    """Checkouts and subscriptions, then refunds on paid checkouts."""
    co_plans = checkouts(rng, opts.checkouts)
    sub_plans = subscriptions(rng, opts.subscriptions)
    rf_plans = refunds(rng, opts.refunds)
    total = len(co_plans) + len(sub_plans) + len(rf_plans)
    progress.set("load", 0, total, "checkouts and subscriptions")
    jobs: list[Callable[[], Awaitable[None]]] = [partial(checkout, st, p) for p in co_plans]
    jobs += [partial(subscription, st, p) for p in sub_plans]
    order = list(range(len(jobs)))
    rng.shuffle(order)  # subscriptions interleaved with checkouts, reproducibly
    await _bounded([jobs[i] for i in order], opts.concurrency, progress)
    paid = sorted(
        (cid for cid, p in st.started.checkouts.items() if p.action == "pay"),
        key=lambda cid: st.started.checkouts[cid].index,
    )
    paid = [cid for cid in paid if cid in st.started.orders]
    rng.shuffle(paid)
    progress.note = "refunds"
    refund_jobs: list[Callable[[], Awaitable[None]]] = [
        partial(refund, st, p, cid) for p, cid in zip(rf_plans, paid, strict=False)
    ]
    progress.total = progress.done + len(refund_jobs)
    await _bounded(refund_jobs, opts.concurrency, progress)
