"""The planned refunds: full, partial, two racing, or one key sent twice."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .weighted import _pick


@dataclass(frozen=True)
class RefundPlan:
    index: int
    kind: str  # full | partial | racing | same_key


def refunds(rng: random.Random, count: int) -> list[RefundPlan]:
    kinds = (("full", 40), ("partial", 40), ("racing", 10), ("same_key", 10))
    return [RefundPlan(i, _pick(rng, kinds)) for i in range(count)]
