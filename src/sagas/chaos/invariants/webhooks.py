"""Invariant 7: every answered delivery is audited, every acknowledged event handed over."""

from __future__ import annotations

from collections import Counter


def inv7_webhooks(
    made: Counter[tuple[str, str]],
    audited: Counter[tuple[str, str]],
    acked: set[tuple[str, str]],
    event_status: dict[tuple[str, str], str],
) -> list[str]:
    """7: every delivery the PSP got an answer for is in the audit log (at least as many
    times), and every acknowledged event was handed to its flow (or settled as a no-op).

    More receipts than answered attempts is not a loss: an attempt whose answer never
    reached the PSP, or a request its HTTP client re-sent on a fresh connection after the
    API had read it, is audited without being answered."""
    out: list[str] = []
    for key, n in sorted(made.items()):
        got = audited.get(key, 0)
        if got < n:
            out.append(f"inv7: {key} answered {n}x at the PSP, only {got}x in the audit log")
    for key in sorted(acked):
        if event_status.get(key) not in ("handed_over", "no_op"):
            out.append(f"inv7: {key} acknowledged (2xx) but here it is {event_status.get(key)}")
    return out
