"""Bounded waits on a subscription's workflow (``subscription_api_wait_s``, 30 s default).

A busy or absent worker never holds a request open (see each route for the answer).
"""

from __future__ import annotations

import asyncio
from typing import Any

from temporalio.client import WithStartWorkflowOperation, WorkflowUpdateRPCTimeoutOrCancelledError

#: The SDK turns the cancelled wait into its own error; either means "not in time".
NOT_IN_TIME = (TimeoutError, WorkflowUpdateRPCTimeoutOrCancelledError)
GRACE_S = 2.0


async def started(op: WithStartWorkflowOperation[Any, Any]) -> bool:
    """Did the start half of an interrupted update-with-start go through? (Reading the
    future the SDK settled also keeps its unread error out of the logs.)"""
    try:
        await asyncio.wait_for(asyncio.shield(op.workflow_handle()), 1.0)
    except asyncio.CancelledError:
        # The interrupted call cancelled the start half's future: "not known to have
        # started". Only a cancellation of this request itself goes on up.
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise
        return False
    except Exception:
        return False
    return True
