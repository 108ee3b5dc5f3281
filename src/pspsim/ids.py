"""Object ids shaped like the PSPs' own (`pi_3Q...`, `order_N7...`).

A seeded generator keeps ids reproducible when `SimConfig.seed` is set.
"""

from __future__ import annotations

import random
import string

_ALPHABET = string.ascii_letters + string.digits


class IdFactory:
    """Makes prefixed ids: Stripe's are 24 characters after the prefix, Razorpay's 14."""

    def __init__(self, seed: int | None = None) -> None:
        self._rng = random.Random(seed)

    def token(self, length: int) -> str:
        return "".join(self._rng.choice(_ALPHABET) for _ in range(length))

    def stripe(self, prefix: str) -> str:
        return f"{prefix}_1{self.token(23)}"

    def razorpay(self, prefix: str) -> str:
        return f"{prefix}_{self.token(14)}"
