"""A Checkout Session's ``expires_at``, stable across retries of its create."""

from __future__ import annotations

from datetime import datetime

from sagas.db.base import utcnow

SESSION_SLACK_S = 20 * 60  # retries of a create happen well within this


def session_expiry(expires_at: datetime, created_at: datetime | None = None) -> int:
    """Stripe wants 30 min to 24 h after *its* creation, which is a moment after ours: keep
    inside that window (the saga expires the session itself at the checkout's deadline).

    The value is one of the idempotent create's parameters, so it must be the same on
    every retry (a lost answer is retried with the same key, CONTRACT 11.4): it is
    computed from the checkout's creation, not from now, while that leaves the window
    valid; only a create long after its checkout (a worker outage) falls back to now."""
    now = int(utcnow().timestamp())
    created = int(created_at.timestamp()) if created_at is not None else now
    base = created if now - created < SESSION_SLACK_S else now
    lower, upper = base + 30 * 60 + SESSION_SLACK_S, created + 24 * 3600 - 60
    return min(max(int(expires_at.timestamp()), lower), max(upper, lower))
