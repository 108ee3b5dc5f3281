"""Billing-period arithmetic and the dunning timetable: pure and deterministic.

Months are calendar months clamped to the month's last day (Jan 31 + 1 month = Feb 28),
as Stripe and Razorpay bill them. The workflow calls these with ``workflow.now()``.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

INTERVALS = ("day", "week", "month", "year")


def add_interval(start: datetime, interval: str, count: int) -> datetime:
    if interval == "day":
        return start + timedelta(days=count)
    if interval == "week":
        return start + timedelta(weeks=count)
    if interval not in ("month", "year"):
        raise ValueError(f"unknown interval {interval!r}")
    months = count * (12 if interval == "year" else 1)
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def dunning_times(failed_at: datetime, schedule_s: list[int]) -> list[datetime]:
    """When to look again after a failed renewal: offsets from the failure, in order.

    The first one also ends the grace period: until then a ``past_due`` subscription
    keeps its entitlements (a card glitch fixed within a day costs the customer nothing);
    after it, ``past_due`` grants nothing.
    """
    return [failed_at + timedelta(seconds=s) for s in sorted(set(schedule_s))]
