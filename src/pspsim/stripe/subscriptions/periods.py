"""A subscription's current period ends when its items' earliest period does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj

if TYPE_CHECKING:
    pass


def period_end(sub: Obj) -> int:
    return int(min(item["current_period_end"] for item in sub["items"]["data"]))
