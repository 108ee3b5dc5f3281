"""Replay every recorded workflow history against today's workflow code.

A change that would break a running flow (a reordered activity, a removed signal) makes
replay fail here with a non-determinism error. Histories are recorded by the saga tests
(``tests/replay/record.py``) and committed under ``tests/replay/histories/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from sagas import registry
from sagas.worker_main import workflow_runner

HISTORIES = sorted((Path(__file__).parent / "histories").glob("*.json"))


@pytest.mark.skipif(not HISTORIES, reason="no recorded histories")
@pytest.mark.parametrize("path", HISTORIES, ids=[p.stem for p in HISTORIES])
@pytest.mark.parametrize("runner", ["default-sandbox", "worker-runner"])
async def test_replay(path: Path, runner: str) -> None:
    """Under the full default sandbox (the strict check), and under the runner the
    worker really uses (the workflow modules passed through the sandbox)."""
    workflow_id = path.stem
    history = WorkflowHistory.from_json(workflow_id, path.read_text())
    extra = {"workflow_runner": workflow_runner()} if runner == "worker-runner" else {}
    replayer = Replayer(
        workflows=list(registry.workflows()), data_converter=pydantic_data_converter, **extra
    )
    await replayer.replay_workflow(history)
