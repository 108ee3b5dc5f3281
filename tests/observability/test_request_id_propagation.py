"""One request id from the API's context through the workflow into its activities.

The client here is built by :func:`sagas.temporal.client.connect`, as the API's and the
worker's are, so the interceptor under test is the production one.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta

import pytest
from temporalio import activity, workflow
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

with workflow.unsafe.imports_passed_through():
    from sagas.observability import logs
    from sagas.settings import Settings
    from sagas.temporal.client import connect


@activity.defn(name="request_id_probe")
async def request_id_probe(_: str) -> str:
    logging.getLogger("tests.probe").info("in the activity")
    return logs.current("request_id") or ""


@workflow.defn(sandboxed=True)
class RequestIdProbeWorkflow:
    def __init__(self) -> None:
        self._seen: list[str] = []
        self._done = False

    @workflow.run
    async def run(self, _: str) -> list[str]:
        from_run = await workflow.execute_activity(
            "request_id_probe", "run", start_to_close_timeout=timedelta(seconds=10)
        )
        await workflow.wait_condition(lambda: self._done, timeout=timedelta(seconds=20))
        return [from_run, *self._seen]

    @workflow.signal
    async def poke(self) -> None:
        self._seen.append(
            await workflow.execute_activity(
                "request_id_probe", "signal", start_to_close_timeout=timedelta(seconds=10)
            )
        )
        self._done = True


async def test_request_id_travels_to_activities(
    temporal_env: WorkflowEnvironment, caplog: pytest.LogCaptureFixture
) -> None:
    address = temporal_env.client.service_client.config.target_host
    client = await connect(Settings(_env_file=None, temporal_address=address))
    queue = f"rid-{uuid.uuid4().hex[:8]}"
    caplog.set_level(logging.INFO, logger="tests.probe")
    logs.install_record_factory()
    async with Worker(
        client, task_queue=queue, workflows=[RequestIdProbeWorkflow], activities=[request_id_probe]
    ):
        with logs.bind(request_id="req_start"):
            handle = await client.start_workflow(
                RequestIdProbeWorkflow.run,
                "x",
                id=f"rid-{uuid.uuid4().hex}",
                task_queue=queue,
                execution_timeout=timedelta(seconds=60),
            )
        with logs.bind(request_id="req_signal"):
            await handle.signal(RequestIdProbeWorkflow.poke)
        assert await handle.result() == ["req_start", "req_signal"]
    lines = [json.loads(logs.JsonFormatter().format(r)) for r in caplog.records]
    probe = [line for line in lines if line["logger"] == "tests.probe"]
    assert {line.get("workflow_id") for line in probe} == {handle.id}
    assert {line.get("request_id") for line in probe} == {"req_start", "req_signal"}
