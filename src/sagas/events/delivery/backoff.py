"""When to try again (CONTRACT section 10): first after ``first_s``, doubling, never more
than ``cap_s`` apart, while inside the retry window; after it the delivery has failed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Backoff:
    first_s: float
    cap_s: float
    window_s: float

    def delay_s(self, failed_attempts: int) -> float:
        """The pause after the ``failed_attempts``-th failure (1-based)."""
        exponent = min(max(failed_attempts - 1, 0), 60)  # 2**60 s is past any cap
        return float(min(self.first_s * (2**exponent), self.cap_s))

    def next_attempt(
        self, *, failed_attempts: int, now: datetime, window_started_at: datetime
    ) -> datetime | None:
        """The next attempt's time, or None when it would fall outside the window."""
        when = now + timedelta(seconds=self.delay_s(failed_attempts))
        if when > window_started_at + timedelta(seconds=self.window_s):
            return None
        return when
