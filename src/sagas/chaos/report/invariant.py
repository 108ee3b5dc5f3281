"""One invariant's verdict: its name, how often it broke, a few examples."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NAMES = {
    1: "no order paid without a settled, bound, covering PSP payment",
    2: "no money captured without a paid order (fulfilled or refunded)",
    3: "nothing waits past its deadline",
    4: "one gateway object per logical request",
    5: "discount uses within max_uses, released ones given back",
    6: "gross/discount/net kept apart; refunds within what was captured",
    7: "every webhook delivery audited; none acknowledged and lost",
    8: "entitlements only for active, trialing and in-grace subscriptions",
    9: "bad input gets a clear 4xx; the API never answers 500",
    10: "merchant events written with their state; none lost, none invented",
    11: "one PSP object per request, also when answers were lost",
    12: "a refund failed at the PSP puts the money back; disputes never refunded",
}
EXAMPLES = 5


@dataclass
class Invariant:
    number: int
    violations: list[str] = field(default_factory=list)
    note: str | None = None  # e.g. why it could not be checked

    def public(self) -> dict[str, Any]:
        return {
            "invariant": self.number,
            "name": NAMES[self.number],
            "broken": len(self.violations),
            "examples": self.violations[:EXAMPLES],
            "note": self.note,
        }
