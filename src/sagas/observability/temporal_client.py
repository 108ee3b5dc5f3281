"""Temporal interceptors: the saga-start counter, the request id carried into the worker,
and OpenTelemetry's tracing when it is on.

Counting at the client catches every start (API routes, webhook hand-over, the
reconciliation sweep) without touching the callers. The request id bound to the calling
context (the API request) travels in a Temporal header on every start, signal and update,
is bound again around the workflow's run and its handlers, and from there travels on to
each activity, so one id follows a checkout from the API's log through the worker's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from temporalio import client, worker
from temporalio.api.common.v1 import Payload
from temporalio.converter import default as default_converter

from sagas.observability import logs
from sagas.observability.metrics import SAGAS_STARTED, saga_kind
from sagas.observability.tracing import temporal_tracing_interceptor

HEADER = "sagas-request-id"


def _with_request_id(headers: Mapping[str, Payload]) -> Mapping[str, Payload]:
    request_id = logs.current("request_id")
    if not request_id:
        return headers
    payload = default_converter().payload_converter.to_payloads([request_id])[0]
    return {**headers, HEADER: payload}


def _request_id(headers: Mapping[str, Payload]) -> str | None:
    payload = headers.get(HEADER)
    if payload is None:
        return None
    try:
        value = default_converter().payload_converter.from_payloads([payload], [str])[0]
    except Exception:  # a foreign header: no id rather than a failed task
        return None
    return value if isinstance(value, str) else None


class _ClientOutbound(client.OutboundInterceptor):
    async def start_workflow(
        self, input: client.StartWorkflowInput
    ) -> client.WorkflowHandle[Any, Any]:
        input.headers = _with_request_id(input.headers)
        handle = await super().start_workflow(input)
        SAGAS_STARTED.labels(saga_kind(input.workflow)).inc()
        return handle

    async def start_update_with_start_workflow(
        self, input: client.StartWorkflowUpdateWithStartInput
    ) -> client.WorkflowUpdateHandle[Any]:
        start = input.start_workflow_input
        start.headers = _with_request_id(start.headers)
        input.update_workflow_input.headers = _with_request_id(input.update_workflow_input.headers)
        handle = await super().start_update_with_start_workflow(input)
        SAGAS_STARTED.labels(saga_kind(start.workflow)).inc()
        return handle

    async def signal_workflow(self, input: client.SignalWorkflowInput) -> None:
        input.headers = _with_request_id(input.headers)
        await super().signal_workflow(input)

    async def start_workflow_update(
        self, input: client.StartWorkflowUpdateInput
    ) -> client.WorkflowUpdateHandle[Any]:
        input.headers = _with_request_id(input.headers)
        return await super().start_workflow_update(input)


class _ActivityInbound(worker.ActivityInboundInterceptor):
    async def execute_activity(self, input: worker.ExecuteActivityInput) -> Any:
        with logs.bind(request_id=_request_id(input.headers)):
            return await super().execute_activity(input)


class _WorkflowOutbound(worker.WorkflowOutboundInterceptor):
    def start_activity(self, input: worker.StartActivityInput) -> Any:
        input.headers = _with_request_id(input.headers)
        return super().start_activity(input)

    def start_local_activity(self, input: worker.StartLocalActivityInput) -> Any:
        input.headers = _with_request_id(input.headers)
        return super().start_local_activity(input)

    async def start_child_workflow(self, input: worker.StartChildWorkflowInput) -> Any:
        input.headers = _with_request_id(input.headers)
        return await super().start_child_workflow(input)


class _WorkflowInbound(worker.WorkflowInboundInterceptor):
    def init(self, outbound: worker.WorkflowOutboundInterceptor) -> None:
        super().init(_WorkflowOutbound(outbound))

    async def execute_workflow(self, input: worker.ExecuteWorkflowInput) -> Any:
        with logs.bind(request_id=_request_id(input.headers)):
            return await super().execute_workflow(input)

    async def handle_signal(self, input: worker.HandleSignalInput) -> None:
        with logs.bind(request_id=_request_id(input.headers)):
            await super().handle_signal(input)

    async def handle_update_handler(self, input: worker.HandleUpdateInput) -> Any:
        with logs.bind(request_id=_request_id(input.headers)):
            return await super().handle_update_handler(input)


class SagasInterceptor(client.Interceptor, worker.Interceptor):
    """Counts starts in ``sagas_started_total{kind}`` and carries the request id.

    Given to the client, it also applies to every worker built on that client.
    """

    def intercept_client(self, next: client.OutboundInterceptor) -> client.OutboundInterceptor:
        return _ClientOutbound(next)

    def intercept_activity(
        self, next: worker.ActivityInboundInterceptor
    ) -> worker.ActivityInboundInterceptor:
        return _ActivityInbound(next)

    def workflow_interceptor_class(
        self, input: worker.WorkflowInterceptorClassInput
    ) -> type[worker.WorkflowInboundInterceptor] | None:
        return _WorkflowInbound


def client_interceptors() -> list[client.Interceptor]:
    """Every client interceptor: ours, plus OpenTelemetry's when tracing is on."""
    found: list[client.Interceptor] = [SagasInterceptor()]
    tracing = temporal_tracing_interceptor()
    if tracing is not None:
        found.append(tracing)
    return found
