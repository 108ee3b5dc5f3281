"""Billing-period arithmetic: pure and deterministic.

Months are calendar months clamped to the month's last day (Jan 31 + 1 month = Feb 28),
as Stripe and Razorpay bill them. The workflow calls these with ``workflow.now()``.

The development time scale (``SAGAS_DEV_SECONDS_PER_DAY``, refused in production) lets
a renewal be watched on the embedded stack. The rule: at the real scale (86400 s a day)
periods are real calendar arithmetic; at any other scale a day is ``seconds_per_day``
seconds, a week 7 such days, a month 30 and a year 365, because a calendar month has no
meaning once days are seconds long. Trials and the dunning offsets scale the same way.
PSP waits (the first-payment deadline, the renewal window, the polls) stay real time:
the PSP answers in real time whatever our calendar says.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

INTERVALS = ("day", "week", "month", "year")
REAL_DAY_S = 86400
_SCALED_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def add_interval(
    start: datetime, interval: str, count: int, seconds_per_day: int = REAL_DAY_S
) -> datetime:
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r}")
    if seconds_per_day != REAL_DAY_S:
        return start + scaled_days(_SCALED_DAYS[interval] * count, seconds_per_day)
    if interval == "day":
        return start + timedelta(days=count)
    if interval == "week":
        return start + timedelta(weeks=count)
    months = count * (12 if interval == "year" else 1)
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return start.replace(year=year, month=month, day=day)


def scaled_days(days: float, seconds_per_day: int = REAL_DAY_S) -> timedelta:
    """``days`` days on the given time scale (real days at the default)."""
    return timedelta(seconds=days * seconds_per_day)


def scaled_seconds(seconds: float, seconds_per_day: int = REAL_DAY_S) -> timedelta:
    """A calendar duration given in real seconds (a dunning offset), on the time scale."""
    return timedelta(seconds=seconds * seconds_per_day / REAL_DAY_S)
