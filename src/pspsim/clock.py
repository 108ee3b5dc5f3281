"""Wall-clock helpers; Stripe and Razorpay both speak integer Unix seconds."""

from __future__ import annotations

import time


def now() -> int:
    """Current Unix time in whole seconds, as both PSPs put it on objects."""
    return int(time.time())
