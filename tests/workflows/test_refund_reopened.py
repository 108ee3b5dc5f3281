"""RefundReopenedWorkflow on the time-skipping server, activities stubbed by name."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from temporalio import activity
from temporalio.client import Client, WorkflowHandle
from temporalio.exceptions import ApplicationError
from temporalio.worker import Worker

from sagas.activities.refund_models import PspRead, RefundPlan, RefundRef
from sagas.activities.refund_reopen import ReopenInput
from sagas.disputes.reopen import Reopened
from sagas.domain.refunds import PspRefund, RefundStatus
from sagas.workflows.operator.actions import OperatorAction, OperatorActionKind
from sagas.workflows.refund_reopened.messages import (
    RefundReopenInput,
    RefundReopenResult,
    RefundReopenState,
)
from sagas.workflows.refund_reopened.workflow import RefundReopenedWorkflow
from tests import factories

pytestmark = pytest.mark.timeout(60)


class Stubs:
    """The refund is failed at the PSP; reopening it fails ``reopen_failures`` times."""

    def __init__(self, reopen_failures: int) -> None:
        self.reopen_failures = reopen_failures
        self.reopens = 0

    def activities(self) -> list[object]:
        @activity.defn(name="refund.load")
        async def load(ref: RefundRef) -> RefundPlan:
            return factories.refund_plan(status="succeeded", gateway_refund_id="re_test")

        @activity.defn(name="refund.read_at_psp")
        async def read_at_psp(req: PspRead) -> PspRefund:
            return factories.psp_refund(RefundStatus.FAILED, failure_reason="card_closed")

        @activity.defn(name="refund.reopen_failed")
        async def reopen_failed(req: ReopenInput) -> Reopened:
            self.reopens += 1
            if self.reopens <= self.reopen_failures:
                raise ApplicationError("database unavailable", non_retryable=True)
            return Reopened(
                refund_id=req.refund_id,
                order_id="or_test",
                reopened=True,
                order_status="paid",
                order_refunded_minor=0,
                amount_minor=1500,
                currency="USD",
            )

        return [load, read_at_psp, reopen_failed]


async def _attention(
    handle: WorkflowHandle[RefundReopenedWorkflow, RefundReopenResult],
) -> RefundReopenState:
    for _ in range(200):
        state = await handle.query(RefundReopenedWorkflow.state)
        if state.attention.needed:
            return state
        await asyncio.sleep(0.05)
    raise AssertionError("the saga never asked for an operator")


async def test_a_reopen_the_database_keeps_refusing_waits_for_an_operator(
    client: Client, queue: str
) -> None:
    """The money must go back on the order: a failing write may not end the saga unseen."""
    stubs = Stubs(reopen_failures=1)
    async with Worker(
        client,
        task_queue=queue,
        workflows=[RefundReopenedWorkflow],
        activities=stubs.activities(),
    ):
        handle = await client.start_workflow(
            RefundReopenedWorkflow.run,
            RefundReopenInput(refund_id="rf_test"),
            id=f"refund-reopened-{uuid.uuid4().hex[:8]}",
            task_queue=queue,
        )
        state = await _attention(handle)
        assert "reopening the failed refund keeps failing" in (state.attention.reason or "")
        retry = OperatorAction(action=OperatorActionKind.RETRY, reason="database back")
        assert (await handle.execute_update(RefundReopenedWorkflow.operator_action, retry)).accepted
        state = await _attention(handle)  # now: the customer has not been repaid
        assert "failed after it had succeeded" in (state.attention.reason or "")
        resolve = OperatorAction(action=OperatorActionKind.RESOLVE, reason="refunded by bank")
        await handle.execute_update(RefundReopenedWorkflow.operator_action, resolve)
        result = await handle.result()
    assert result.reopened and stubs.reopens == 2
