"""The no-op saga's one activity: it does nothing, so what it costs is the orchestration."""

from __future__ import annotations

from temporalio import activity

from sagas.bench.ceiling.messages import ACTIVITY, StepInput, StepResult


@activity.defn(name=ACTIVITY)
async def noop_step(inp: StepInput) -> StepResult:
    return StepResult(step=inp.step)
