"""Record a finished workflow's history for the replay tests.

Saga tests call :func:`record_history` after a flow ends; with ``SAGAS_RECORD_HISTORIES=1``
the history is (re)written to ``tests/replay/histories/<name>.json``. Commit the files;
never regenerate them to make a failing replay pass, since that hides the very break
the replay test exists to catch.
"""

from __future__ import annotations

import os
from pathlib import Path

from temporalio.client import Client

HISTORIES_DIR = Path(__file__).parent / "histories"


async def record_history(
    client: Client, workflow_id: str, name: str, run_id: str | None = None
) -> None:
    """The latest run's history, or ``run_id``'s (a run that continued as new)."""
    if os.environ.get("SAGAS_RECORD_HISTORIES") != "1":
        return
    history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
    HISTORIES_DIR.mkdir(parents=True, exist_ok=True)
    (HISTORIES_DIR / f"{name}.json").write_text(history.to_json())
