"""The sweep protocol: what reconciliation reads and closes at the PSP."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.gateway_objects import (
    OrphanClosed,
    SweptWindow,
)


class SweepGateway(Protocol):
    """What reconciliation reads at the PSP: everything of ours created in a window (paged
    by creation time, never only the newest N), an event read back, closing orphans."""

    async def objects_in_window(self, *, created_gte: int, created_lte: int) -> SweptWindow: ...

    async def event_payload(self, event_id: str) -> bytes | None:
        """The event as the PSP delivers it (None: this PSP has no event API)."""
        ...

    async def close_orphan(
        self, object_type: str, object_id: str, checkout_id: str | None
    ) -> OrphanClosed | None:
        """Make an orphan unpayable; None when this PSP has no such object to close."""
        ...
