"""Drive the no-op saga as the bench drives checkouts: start it with update-with-start
(timed to the update's answer, as ``POST /v1/checkouts`` is timed to its 201), signal it
(the payer's payment), wait for its result (a long-poll on the server, not a poll), with
``concurrency`` in flight. An RPC error is counted and fails that flow, never the run."""

from __future__ import annotations

import asyncio
import time
import uuid

from temporalio.client import Client, WithStartWorkflowOperation
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.service import RPCError

from sagas.bench import cpu
from sagas.bench.ceiling.messages import NoopInput, Opened, OpenRequest, Paid
from sagas.bench.ceiling.workflow import NoopSaga
from sagas.bench.progress import Progress
from sagas.bench.stats import Result

RPC_ERRORS = (RPCError, OSError, RuntimeError)


async def _one(
    client: Client, task_queue: str, flow_id: str, result: Result, timeout_s: float
) -> bool:
    start = WithStartWorkflowOperation(
        NoopSaga.run,
        NoopInput(flow_id=flow_id),
        id=flow_id,
        task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
    )
    try:
        t0 = time.perf_counter()
        opened: Opened = await client.execute_update_with_start_workflow(
            "wait_opened", OpenRequest(), start_workflow_operation=start, result_type=Opened
        )
        t1 = time.perf_counter()
        handle = await start.workflow_handle()
        t2 = time.perf_counter()
        await handle.signal(NoopSaga.paid, Paid(event_id=f"evt_{flow_id}"))
        done = await asyncio.wait_for(handle.result(), timeout_s)
        t3 = time.perf_counter()
    except TimeoutError:
        result.failures.append(f"{flow_id} not done in {timeout_s:.0f} s")
        return False
    except RPC_ERRORS as err:
        result.transport_errors += 1
        result.failures.append(f"{flow_id}: {type(err).__name__}: {str(err)[:200]}")
        return False
    if not (opened.ok and done.paid):
        result.failures.append(f"{flow_id} ended unpaid")
        return False
    result.create_ms.append((t1 - t0) * 1000)
    result.settle_ms.append((t3 - t2) * 1000)
    result.total_ms.append((t3 - t0) * 1000)
    return True


async def run_ceiling(
    client: Client,
    task_queue: str,
    *,
    count: int,
    concurrency: int,
    timeout_s: float,
    pids: dict[str, int],
) -> Result:
    result = Result(count=count, concurrency=concurrency, gateway="temporal", flow="noop_saga")
    result.watcher = "workflow result (long-poll)"
    run_id = uuid.uuid4().hex[:8]
    gate = asyncio.Semaphore(concurrency)
    bar = Progress("ceiling", count)

    async def guarded(index: int) -> None:
        async with gate:
            ok = await _one(client, task_queue, f"bench-noop-{run_id}-{index}", result, timeout_s)
            bar.tick(ok=ok, errors=result.transport_errors)

    before = cpu.snapshot(pids)
    started = time.perf_counter()
    await asyncio.gather(*(guarded(i) for i in range(count)))
    result.wall_s = time.perf_counter() - started
    result.cpu_ms = cpu.per_flow_ms(before, cpu.snapshot(pids), result.completed)
    bar.close()
    return result
