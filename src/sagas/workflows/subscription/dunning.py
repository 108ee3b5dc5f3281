"""The dunning timetable after a failed renewal, scaled like the periods: pure and deterministic."""

from __future__ import annotations

from datetime import datetime

from sagas.workflows.subscription.periods import REAL_DAY_S, scaled_seconds


def dunning_times(
    failed_at: datetime, schedule_s: list[int], seconds_per_day: int = REAL_DAY_S
) -> list[datetime]:
    """When to look again after a failed renewal: offsets from the failure, in order.

    The first one also ends the grace period: until then a ``past_due`` subscription
    keeps its entitlements (a card glitch fixed within a day costs the customer nothing);
    after it, ``past_due`` grants nothing. Offsets are scaled like the periods.
    """
    return [failed_at + scaled_seconds(s, seconds_per_day) for s in sorted(set(schedule_s))]


def dunning_start(
    grace_until: datetime, schedule_s: list[int], seconds_per_day: int = REAL_DAY_S
) -> datetime:
    """The failure a grace deadline was counted from: the inverse of the first of
    :func:`dunning_times`, so a resumed dunning runs on the timetable it had."""
    first = min(schedule_s) if schedule_s else 0
    return grace_until - scaled_seconds(first, seconds_per_day)
