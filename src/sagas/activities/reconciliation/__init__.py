"""Reconciliation activities (CONTRACT 4.5): finders and the repairer, see :mod:`.activities`."""

from collections.abc import Callable, Collection
from typing import Any

from sagas.activities.reconciliation.activities import ReconciliationActivities
from sagas.deps import Deps

__all__ = ["ReconciliationActivities", "reconciliation_activities"]


def reconciliation_activities(
    deps: Deps, hosted: Collection[str] | None = None
) -> list[Callable[..., Any]]:
    """Every reconciliation activity, wired to the real adapters in ``deps``; ``hosted``
    are the workflow types the worker runs (a repair never starts another by name)."""
    acts = ReconciliationActivities(deps.sessions, deps.gateways, deps.settings, hosted=hosted)
    return [
        acts.find_stuck_checkouts,
        acts.find_stuck_subscriptions,
        acts.find_gateway_orphans,
        acts.find_pending_refunds,
        acts.find_failed_webhooks,
        acts.repair,
    ]
