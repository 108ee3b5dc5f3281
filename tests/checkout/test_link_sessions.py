"""A Payment Link's sessions are read from the link itself, every page (a lost webhook on
a busy account must not hide the link's payment from the poll)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from sagas.gateways.stripe.links.sessions import link_session_ids


class _Sessions:
    def __init__(self, pages: list[dict[str, Any]]) -> None:
        self.pages, self.calls = pages, []  # type: ignore[var-annotated]

    async def list_async(self, params: dict[str, Any]) -> dict[str, Any]:
        self.calls.append(dict(params))
        return self.pages[len(self.calls) - 1]


@pytest.mark.asyncio
async def test_every_page_of_the_links_sessions_is_read() -> None:
    pages = [
        {"data": [{"id": "cs_1", "payment_link": "plink_a"}], "has_more": True},
        {"data": [{"id": "cs_2", "payment_link": "plink_a"}], "has_more": False},
    ]
    sessions = _Sessions(pages)
    client = SimpleNamespace(v1=SimpleNamespace(checkout=SimpleNamespace(sessions=sessions)))
    found = await link_session_ids(client, "plink_a")  # type: ignore[arg-type]
    assert found == ["cs_1", "cs_2"]
    assert [c.get("payment_link") for c in sessions.calls] == ["plink_a", "plink_a"]
    assert sessions.calls[1]["starting_after"] == "cs_1"
