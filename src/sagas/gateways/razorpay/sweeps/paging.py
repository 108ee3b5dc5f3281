"""Paging one Razorpay list with ``skip`` over a window fixed by ``from``/``to`` (created_at,
inclusive), so an object created meanwhile never shifts a page: every one is read, one
page per 100."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sagas.gateways.razorpay.client import razorpay_call

PAGE = 100
MAX_PAGES = 10_000


async def in_window(list_fn: Any, *, gte: int, lte: int) -> AsyncIterator[dict[str, Any]]:
    for page_no in range(MAX_PAGES):
        params = {"count": PAGE, "skip": page_no * PAGE, "from": gte, "to": lte}
        page = await razorpay_call(list_fn, params)
        items = list(page.get("items") or [])
        for item in items:
            yield dict(item)
        if len(items) < PAGE:
            return


def _notes(obj: dict[str, Any]) -> dict[str, Any]:
    notes = obj.get("notes")
    return notes if isinstance(notes, dict) else {}
