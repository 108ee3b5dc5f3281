"""The simulator's own clock: Stripe and Razorpay both speak integer Unix seconds.

It is the wall clock plus an offset that `POST /_sim/clock/advance` moves forward (a test
clock for both PSPs), and its day lasts `SimConfig.seconds_per_day` seconds
(`SIM_SECONDS_PER_DAY`). At the real scale (86400) billing periods are calendar
arithmetic; at any other scale a day is `seconds_per_day` seconds, a week 7 such days, a
month 30 and a year 365, the same rule the product applies to its own development time
scale, so both sides agree on when a period ends.
"""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime, timedelta

REAL_DAY_S = 86400
_SCALED_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


class SimClock:
    """Wall time plus an offset, with the length of a day."""

    def __init__(self, seconds_per_day: int = REAL_DAY_S) -> None:
        self.seconds_per_day = seconds_per_day
        self.offset = 0

    def now(self) -> int:
        """Current simulated Unix time in whole seconds."""
        return int(time.time()) + self.offset

    def reset(self) -> None:
        self.offset = 0

    def days(self, count: float) -> int:
        """`count` days in seconds on this clock's scale."""
        return int(count * self.seconds_per_day)

    def add_interval(self, ts: int, interval: str, count: int) -> int:
        """`ts` plus `count` intervals (day, week, month, year) on this clock's scale."""
        if self.seconds_per_day != REAL_DAY_S:
            return ts + self.days(_SCALED_DAYS[interval] * count)
        return add_calendar_interval(ts, interval, count)


def add_calendar_interval(ts: int, interval: str, count: int) -> int:
    """Real calendar arithmetic; months clamp to the month's last day, as the PSPs bill."""
    start = datetime.fromtimestamp(ts, UTC)
    if interval == "day":
        return int((start + timedelta(days=count)).timestamp())
    if interval == "week":
        return int((start + timedelta(weeks=count)).timestamp())
    months = count * (12 if interval == "year" else 1)
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return int(start.replace(year=year, month=month, day=day).timestamp())
