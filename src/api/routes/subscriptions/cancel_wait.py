"""Asking a subscription's workflow to cancel, and waiting (bounded) for it to be done."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio.client import Client

from api.errors import ApiError
from api.routes.subscriptions.waits import GRACE_S, NOT_IN_TIME
from sagas.db.models.subscriptions import Subscription
from sagas.settings import Settings
from sagas.starters import subscription as flow
from sagas.workflows.subscription.messages.cancel import CancelRequest


async def cancel_in_time(
    client: Client, sub: Subscription, request: CancelRequest, settings: Settings
) -> bool:
    """True once done; False when accepted but not done in time; 504 if not accepted."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.subscription_api_wait_s
    try:
        update = await asyncio.wait_for(
            flow.start_cancel(
                client,
                sub.workflow_id,
                request,
                rpc_timeout=timedelta(seconds=settings.subscription_api_wait_s),
            ),
            settings.subscription_api_wait_s + GRACE_S,
        )
    except NOT_IN_TIME:
        raise ApiError(
            504,
            "saga_timeout",
            "the subscription's workflow did not take the cancellation in time; retry",
            {"subscription_id": sub.id, "status": sub.status},
        ) from None
    try:
        left = max(deadline - loop.time(), 1.0)
        await asyncio.wait_for(update.result(rpc_timeout=timedelta(seconds=left)), left + GRACE_S)
    except NOT_IN_TIME:
        return False
    return True
