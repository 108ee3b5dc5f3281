"""Refuse to start a flow no worker of this deployment would run (a repair that would
only sit in the task queue is worse than a reported error)."""

from __future__ import annotations

from collections.abc import Collection


class NotHosted(Exception):
    """The workflow type a repair needs is not hosted by this deployment's workers."""


def ensure_hosted(workflow_type: str, hosted: Collection[str] | None) -> None:
    """``hosted`` are the worker's workflow types (:func:`sagas.registry.workflow_types`);
    None skips the check."""
    if hosted is not None and workflow_type not in hosted:
        raise NotHosted(f"{workflow_type} is not hosted by this worker")
