"""A recurring price's terms: a day, week, month or year interval, times a count."""

from __future__ import annotations

from typing import Any

from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_dict

INTERVALS = ("day", "week", "month", "year")


def recurring_terms(params: Params, prefix: str) -> dict[str, Any] | None:
    recurring_in = opt_dict(params, "recurring")
    recurring = None
    if recurring_in:
        interval = recurring_in.get("interval")
        if interval not in INTERVALS:
            raise invalid(f"Invalid interval: {interval}", param=f"{prefix}recurring[interval]")
        recurring = {
            "interval": interval,
            "interval_count": int(recurring_in.get("interval_count") or 1),
            "meter": None,
            "trial_period_days": None,
            "usage_type": "licensed",
        }
    return recurring
