"""Paging one Stripe list through a whole creation window.

Every list is paged by creation time through the whole window — ``created[gte]`` to
``created[lte]``, both fixed by the sweep, following ``starting_after`` — so objects
created meanwhile never shift a page and none is skipped: the cost is one page per 100
objects, linear in the window.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from sagas.gateways.stripe.client import as_dict, stripe_call

PAGE = 100


MAX_PAGES = 10_000  # a million objects per kind and window: a bound, not a sample


async def in_window(
    list_fn: Callable[..., Awaitable[Any]], *, gte: int, lte: int, **filters: Any
) -> AsyncIterator[dict[str, Any]]:
    """Every object created in ``[gte, lte]``, newest first, page by page."""
    after: str | None = None
    for _ in range(MAX_PAGES):
        params: dict[str, Any] = {"limit": PAGE, "created": {"gte": gte, "lte": lte}, **filters}
        if after:
            params["starting_after"] = after
        page = as_dict(await stripe_call(list_fn, params=params))
        data = list(page.get("data") or [])
        for obj in data:
            yield as_dict(obj)
        if not page.get("has_more") or not data:
            return
        after = data[-1]["id"]
