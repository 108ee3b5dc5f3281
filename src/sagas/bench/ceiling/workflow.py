"""BenchNoopSaga: the checkout's shape with nothing inside it.

Input :class:`NoopInput`. Runs ``before`` no-op activities, then answers the
``wait_opened`` update (the bench starts it with update-with-start, as the API starts a
checkout), waits for the ``paid`` signal (up to ``deadline_s``), runs ``after`` no-op
activities and returns. Timeouts and retry policies are the checkout's PSP-call ones, so
the server does the same bookkeeping per activity. It only ever runs on the bench's own
task queue, never on the product's.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.bench.ceiling.activities import noop_step
    from sagas.bench.ceiling.messages import (
        WORKFLOW,
        NoopInput,
        NoopResult,
        Opened,
        OpenRequest,
        Paid,
        StepInput,
    )
    from sagas.temporal import policies


@workflow.defn(name=WORKFLOW)
class NoopSaga:
    @workflow.init
    def __init__(self, inp: NoopInput) -> None:
        self._opened = False
        self._paid = False

    @workflow.run
    async def run(self, inp: NoopInput) -> NoopResult:
        await self._steps(inp, 0, inp.before)
        self._opened = True
        try:
            await workflow.wait_condition(
                lambda: self._paid, timeout=timedelta(seconds=inp.deadline_s)
            )
        except TimeoutError:
            return NoopResult(flow_id=inp.flow_id, paid=False)
        await self._steps(inp, inp.before, inp.after)
        return NoopResult(flow_id=inp.flow_id, paid=True)

    async def _steps(self, inp: NoopInput, first: int, count: int) -> None:
        for step in range(first, first + count):
            await workflow.execute_activity(
                noop_step,
                StepInput(flow_id=inp.flow_id, step=step),
                start_to_close_timeout=policies.PSP_CALL_TIMEOUT,
                retry_policy=policies.PSP_CALL,
            )

    @workflow.signal(name="paid")
    def paid(self, _: Paid) -> None:
        self._paid = True

    @workflow.update(name="wait_opened")
    async def wait_opened(self, _: OpenRequest) -> Opened:
        await workflow.wait_condition(lambda: self._opened)
        return Opened(ok=True)
