"""The event inbox: a ``psp_event`` signal is recorded once per event id.

PSPs deliver at least once and the webhook intake and reconciliation may both signal the
same event; the inbox drops the repeats so a signal handler only records and wakes. The
ids live in a list the saga's ``state`` already exposes (and a continue-as-new carries),
kept to the newest ``keep`` ids: a forgotten duplicate costs one PSP read, nothing more.
"""

from __future__ import annotations


class EventInbox:
    def __init__(self, seen: list[str], *, keep: int | None = None) -> None:
        self._seen = seen
        self._keep = keep

    def record(self, event_id: str) -> bool:
        """True when ``event_id`` is new (and now remembered), False for a duplicate."""
        if event_id in self._seen:
            return False
        self._seen.append(event_id)
        if self._keep is not None:
            del self._seen[: -self._keep]
        return True
