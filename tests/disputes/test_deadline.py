"""DisputeWorkflow's clock, on the time-skipping server with the activities stubbed under
their real names: it reads the dispute again just after the evidence deadline, and a
deadline already past never turns into a tight loop of reads."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
from temporalio import activity
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from sagas.activities.dispute_models import DisputeRead, DisputeRef
from sagas.disputes.recorded import Recorded
from sagas.workflows.dispute import DisputeWorkflow
from sagas.workflows.dispute.messages.inputs import DisputeInput
from sagas.workflows.dispute.messages.result import DisputeResult
from tests.support.temporal import register_search_attributes, start_time_skipping

pytestmark = pytest.mark.timeout(120)
POLL_S = 6 * 3600


@pytest.fixture(scope="module")
async def env() -> AsyncIterator[WorkflowEnvironment]:
    environment = await start_time_skipping()
    await register_search_attributes(environment.client)
    try:
        yield environment
    finally:
        await environment.shutdown()


class PspScript:
    """The PSP's answers, one per read: ``needs_response`` until the last, then lost."""

    def __init__(self, due_by: datetime, reads_open: int) -> None:
        self.due_by, self.reads_open, self.reads = due_by, reads_open, 0

    def recorded(self, status: str) -> Recorded:
        return Recorded(
            dispute_id="dsp_1",
            order_id="ord_1",
            customer_id="cust_1",
            gateway="stripe",
            gateway_dispute_id="dp_1",
            gateway_payment_id="pi_1",
            amount_minor=5000,
            currency="USD",
            status=status,
            psp_status=status,
            evidence_due_by=self.due_by,
            evidence_submitted=False,
            accepted=False,
            needs_review=False,
            fulfilment_revoked=status == "lost",
            changes=[],
            poll_interval_s=POLL_S,
        )

    def activities(self) -> list[object]:
        @activity.defn(name="dispute.sync")
        async def sync(req: DisputeRead) -> Recorded:
            self.reads += 1
            return self.recorded("needs_response" if self.reads <= self.reads_open else "lost")

        @activity.defn(name="dispute.revoke_fulfilment")
        async def revoke(ref: DisputeRef) -> bool:
            return True

        return [sync, revoke]


async def _run(env: WorkflowEnvironment, script: PspScript) -> tuple[DisputeResult, timedelta]:
    queue = f"disputes-ts-{secrets.token_hex(4)}"
    async with Worker(
        env.client, task_queue=queue, workflows=[DisputeWorkflow], activities=script.activities()
    ):
        handle = await env.client.start_workflow(
            DisputeWorkflow.run,
            DisputeInput(gateway="stripe", gateway_dispute_id=f"dp_{secrets.token_hex(4)}"),
            id=f"dispute-stripe-ts-{secrets.token_hex(4)}",
            task_queue=queue,
        )
        result = await handle.result()
        events = (await handle.fetch_history()).events  # the workflow's own clock
        took = events[-1].event_time.ToDatetime() - events[0].event_time.ToDatetime()
        return result, took


async def test_reads_again_just_after_the_evidence_deadline(env: WorkflowEnvironment) -> None:
    now = await env.get_current_time()
    script = PspScript(due_by=now + timedelta(hours=2), reads_open=1)
    result, took = await _run(env, script)
    assert result.status == "lost" and script.reads == 2
    assert timedelta(hours=2) <= took < timedelta(hours=2, minutes=10)


async def test_a_deadline_already_past_waits_the_regular_interval(
    env: WorkflowEnvironment,
) -> None:
    now = await env.get_current_time()
    script = PspScript(due_by=now - timedelta(days=1), reads_open=2)
    result, took = await _run(env, script)
    assert result.status == "lost" and script.reads == 3
    assert took >= timedelta(seconds=2 * POLL_S)
