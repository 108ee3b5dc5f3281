"""A test-only flow: keeps every ``psp_event`` signal (no dedupe of its own, so a test sees
exactly what intake handed over) and ends on ``finish``, which makes it a closed flow."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.domain.psp_events import PspEvent


@workflow.defn(name="WebhookTestRecorder")
class RecorderWorkflow:
    def __init__(self) -> None:
        self._events: list[PspEvent] = []
        self._done = False

    @workflow.run
    async def run(self, hold_s: int) -> list[str]:
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(lambda: self._done, timeout=timedelta(seconds=hold_s))
        return [e.event_id for e in self._events]

    @workflow.signal(name="psp_event")
    def psp_event(self, event: PspEvent) -> None:
        self._events.append(event)

    @workflow.signal(name="finish")
    def finish(self) -> None:
        self._done = True

    @workflow.query(name="received")
    def received(self) -> list[PspEvent]:
        return self._events
