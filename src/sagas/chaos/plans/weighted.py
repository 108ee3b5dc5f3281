"""One weighted draw from the campaign's RNG."""

from __future__ import annotations

import random


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights=weights)[0]
