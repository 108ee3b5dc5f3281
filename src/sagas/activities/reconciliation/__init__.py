"""Reconciliation activities (CONTRACT 4.5): finders and the repairer, see :mod:`.activities`."""

from collections.abc import Callable
from typing import Any

from sagas.activities.reconciliation.activities import ReconciliationActivities
from sagas.deps import Deps

__all__ = ["ReconciliationActivities", "reconciliation_activities"]


def reconciliation_activities(deps: Deps) -> list[Callable[..., Any]]:
    """Every reconciliation activity, wired to the real adapters in ``deps``."""
    acts = ReconciliationActivities(deps.sessions, deps.gateways, deps.settings)
    return [
        acts.find_stuck_checkouts,
        acts.find_gateway_orphans,
        acts.find_pending_refunds,
        acts.find_failed_webhooks,
        acts.repair,
    ]
