"""RefundWorkflow branches on the time-skipping server, activities stubbed by name."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from temporalio.client import Client, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.domain.refunds import RefundStatus
from sagas.workflows.operator.actions import OperatorAction, OperatorActionKind
from sagas.workflows.refund import RefundInput, RefundResult, RefundState, RefundWorkflow
from tests import factories
from tests.workflows.refund_stubs import RefundStubs, stubs

#: An activity a stub lacks retries forever: fail in a minute instead.
pytestmark = pytest.mark.timeout(60)

SUCCEEDED = factories.psp_refund(RefundStatus.SUCCEEDED)
PENDING = factories.psp_refund(RefundStatus.PENDING)
FAILED = factories.psp_refund(RefundStatus.FAILED, raw_status="failed")


async def _start(client: Client, queue: str) -> WorkflowHandle[RefundWorkflow, RefundResult]:
    return await client.start_workflow(
        RefundWorkflow.run,
        RefundInput(refund_id="rf_test"),
        id=f"refund-{uuid.uuid4().hex[:8]}",
        task_queue=queue,
    )


def _worker(client: Client, queue: str, fake: RefundStubs) -> Worker:
    return Worker(
        client, task_queue=queue, workflows=[RefundWorkflow], activities=fake.activities()
    )


async def _attention(handle: WorkflowHandle[RefundWorkflow, RefundResult]) -> RefundState:
    for _ in range(200):
        state = await handle.query(RefundWorkflow.state)
        if state.attention.needed:
            return state
        await asyncio.sleep(0.05)
    raise AssertionError("the refund never asked for an operator")


async def test_polled_success_is_trusted_after_one_interval(client: Client, queue: str) -> None:
    fake = stubs(SUCCEEDED)
    async with _worker(client, queue, fake):
        result = await (await _start(client, queue)).result()
    assert result.status == "succeeded"
    assert fake.calls[:2] == ["load", "create_at_psp"]
    assert fake.calls[-2:] == ["mark_succeeded", "revoke_fulfilment"]


async def test_failed_at_psp_fails_the_refund_and_leaves_the_order(
    client: Client, queue: str
) -> None:
    fake = stubs(FAILED)
    async with _worker(client, queue, fake):
        result = await (await _start(client, queue)).result()
    assert result.status == "failed"
    assert "mark_succeeded" not in fake.calls and "revoke_fulfilment" not in fake.calls
    assert fake.failure is not None and "failed" in fake.failure


async def test_a_webhook_wakes_the_saga_before_the_next_poll(client: Client, queue: str) -> None:
    fake = stubs(PENDING, SUCCEEDED, poll_interval_s=3600, deadline_s=86_400)
    async with _worker(client, queue, fake):
        handle = await _start(client, queue)
        for _ in range(200):
            if "create_at_psp" in fake.calls:
                break
            await asyncio.sleep(0.05)
        event = PspEvent(
            gateway=Gateway.STRIPE,
            event_id="evt_1",
            event_type="refund.updated",
            kind=PspEventKind.REFUND_UPDATED,
            object_id="re_test",
            refund_id="rf_test",
        )
        await handle.signal(RefundWorkflow.psp_event, event)
        await handle.signal(RefundWorkflow.psp_event, event)  # a duplicate: dropped
        state = await handle.query(RefundWorkflow.state)
        assert state.events_seen == ["evt_1"]
        result = await handle.result()
    assert result.status == "succeeded"


async def test_an_amount_that_is_not_ours_needs_an_operator(client: Client, queue: str) -> None:
    fake = stubs(factories.psp_refund(RefundStatus.SUCCEEDED, amount_minor=999))
    async with _worker(client, queue, fake):
        handle = await _start(client, queue)
        state = await _attention(handle)
        assert "999" in (state.attention.reason or "")
        for bad in (
            OperatorAction(action=OperatorActionKind.CANCEL, reason="no"),
            OperatorAction(action=OperatorActionKind.RESOLVE, reason="  "),
        ):
            with pytest.raises(WorkflowUpdateFailedError):
                await handle.execute_update(RefundWorkflow.operator_action, bad)
        done = OperatorAction(action=OperatorActionKind.RESOLVE, reason="refunded by hand")
        answer = await handle.execute_update(RefundWorkflow.operator_action, done)
        assert answer.accepted
        result = await handle.result()
    assert result.stage == "resolved_by_operator"
    assert result.status == "succeeded"  # the PSP's final word still wins over the operator's
    assert fake.calls[-2:] == ["mark_succeeded", "revoke_fulfilment"]


async def test_past_the_deadline_an_operator_resolves_it_failed(
    skipping_env: WorkflowEnvironment, client: Client, queue: str
) -> None:
    fake = stubs(PENDING, poll_interval_s=60, deadline_s=600)
    async with _worker(client, queue, fake):
        handle = await _start(client, queue)
        await skipping_env.sleep(timedelta(minutes=11))  # queries do not skip time
        state = await _attention(handle)
        assert "deadline" in (state.attention.reason or "")
        done = OperatorAction(action=OperatorActionKind.RESOLVE, reason="PSP support: never sent")
        await handle.execute_update(RefundWorkflow.operator_action, done)
        result = await handle.result()
    assert result.status == "failed"
    assert fake.failure is not None and "PSP support: never sent" in fake.failure
    assert "revoke_fulfilment" not in fake.calls
