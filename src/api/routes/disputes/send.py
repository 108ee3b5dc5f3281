"""Sending an answer to the dispute's saga as an update; it calls the PSP and records
what the PSP says. Not open: 409; PSP refuses: 409; PSP silent: 502; Temporal slow: 503."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from pydantic import BaseModel
from temporalio.client import (
    Client,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
)
from temporalio.service import RPCError, RPCStatusCode

from api.errors import ApiError
from api.routes.disputes.failures import update_failure
from sagas.db.models.disputes import Dispute
from sagas.workflows.dispute.messages.actions import DisputeActionResult

UPDATE_WAIT_S = 30.0
_NOT_IN_TIME = (TimeoutError, WorkflowUpdateRPCTimeoutOrCancelledError)


async def send(client: Client, dispute: Dispute, name: str, request: BaseModel) -> None:
    handle = client.get_workflow_handle(dispute.workflow_id)
    try:
        await asyncio.wait_for(
            handle.execute_update(
                name,
                request,
                result_type=DisputeActionResult,
                rpc_timeout=timedelta(seconds=UPDATE_WAIT_S),
            ),
            UPDATE_WAIT_S + 2,
        )
    except _NOT_IN_TIME:
        raise ApiError(
            503, "saga_timeout", "the dispute's workflow did not answer in time; retry"
        ) from None
    except WorkflowUpdateFailedError as err:
        raise update_failure(err) from err
    except RPCError as err:
        if err.status is RPCStatusCode.NOT_FOUND:
            raise ApiError(409, "dispute_not_open", "the dispute's flow has ended") from err
        raise
