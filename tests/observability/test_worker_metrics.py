"""The worker's ``/metrics``: Temporal's SDK metrics and ours on one port (CONTRACT 15).

A real worker on the session's Temporal dev server, connected the way ``sagas worker``
connects (``connect(settings, runtime=...)``), runs a workflow; one scrape then shows the
SDK's counters for it, the product's counters, and the probe gauge.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families
from temporalio import workflow
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from sagas.observability.worker_metrics import start_worker_metrics
from sagas.settings import Settings
from sagas.temporal.client import connect


@workflow.defn(sandboxed=False)
class MetricsProbeWorkflow:
    @workflow.run
    async def run(self, name: str) -> str:
        await workflow.sleep(timedelta(milliseconds=10))
        return f"hello {name}"


def scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        assert answer.status == 200
        assert answer.headers["Content-Type"].startswith("text/plain")
        text: str = answer.read().decode()
        return text


def sample_names(text: str) -> set[str]:
    return {s.name for f in text_string_to_metric_families(text) for s in f.samples}


async def test_one_port_serves_sdk_and_product_metrics(temporal_env: WorkflowEnvironment) -> None:
    address = temporal_env.client.service_client.config.target_host
    settings = Settings(_env_file=None, temporal_address=address)
    metrics = start_worker_metrics("127.0.0.1", 0)
    try:
        client = await connect(settings, runtime=metrics.runtime)
        queue = f"metrics-{uuid.uuid4().hex[:8]}"
        async with Worker(client, task_queue=queue, workflows=[MetricsProbeWorkflow]):
            result = await client.execute_workflow(
                MetricsProbeWorkflow.run,
                "probe",
                id=f"metrics-probe-{uuid.uuid4().hex}",
                task_queue=queue,
                execution_timeout=timedelta(seconds=30),
            )
            assert result == "hello probe"
            text = ""
            for _ in range(50):  # the SDK exports on an interval: bounded wait for it
                text = await asyncio.to_thread(scrape, metrics.port)
                if "temporal_workflow_completed" in text:
                    break
                await asyncio.sleep(0.2)
        names = sample_names(text)
        assert any(n.startswith("temporal_workflow_completed") for n in names), text[:2000]
        assert any(n.startswith("temporal_request") for n in names)
        assert "sagas_worker_temporal_metrics_up" in names
        assert "sagas_worker_temporal_metrics_up 1.0" in text or (
            "sagas_worker_temporal_metrics_up 1" in text
        )
        assert 'sagas_started_total{kind="metrics_probe"}' in text
        assert "merchant_webhook_deliveries_total" in text
    finally:
        metrics.close()
    with pytest.raises(urllib.error.URLError):
        await asyncio.to_thread(scrape, metrics.port)


async def test_other_paths_are_404() -> None:
    metrics = start_worker_metrics("127.0.0.1", 0)
    try:
        with pytest.raises(urllib.error.HTTPError) as err:
            await asyncio.to_thread(
                urllib.request.urlopen, f"http://127.0.0.1:{metrics.port}/nope", timeout=5
            )
        assert err.value.code == 404
        # Before any client connects, the probe still answers with our own counters.
        text = await asyncio.to_thread(scrape, metrics.port)
        assert "sagas_started_total" in text
    finally:
        metrics.close()
