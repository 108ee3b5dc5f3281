"""Starting (or joining) a new subscription's workflow and waiting for its PSP object."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.exceptions import WorkflowAlreadyStartedError

from api.errors import ApiError
from api.routes.subscriptions.waits import GRACE_S, NOT_IN_TIME, started
from sagas.db.models.subscriptions import Subscription
from sagas.settings import Settings
from sagas.starters import subscription as flow


async def run_saga(
    session: AsyncSession, client: Client, sub: Subscription, settings: Settings
) -> bool:
    """Start the workflow (or join it) and, while the PSP object is being made, wait up to
    ``subscription_api_wait_s``. False: it was not ready in time (the workflow runs)."""
    if sub.status in ("cancelled", "expired"):
        return True
    # A paid plan's first answer waits for the PSP object: the payer pays it, or, in a
    # trial, saves a card on it (``payer.setup_client_secret``).
    needs_psp = sub.status == "pending_payment" or (sub.status == "trialing" and sub.gateway)
    if not needs_psp or sub.gateway_subscription_id:
        await flow.start_subscription(client, sub, settings)
        await session.refresh(sub)
        return True
    op = flow.start_operation(sub, settings)
    wait_s = settings.subscription_api_wait_s
    try:
        # The RPC deadline ends the wait without cancelling the start half-way; the
        # outer bound only catches a call that overruns its deadline.
        await asyncio.wait_for(
            flow.start_and_wait_ready(client, op, sub, rpc_timeout=timedelta(seconds=wait_s)),
            wait_s + GRACE_S,
        )
    except NOT_IN_TIME:
        # Make sure it started (joining a running one is a no-op); answer what there is.
        if not await started(op):
            await flow.start_subscription(client, sub, settings)
        await session.refresh(sub)
        return False
    except WorkflowAlreadyStartedError:
        pass  # it ran and closed: the row says how it ended
    except WorkflowUpdateFailedError as err:
        raise ApiError(
            503,
            "service_unavailable",
            "the subscription's workflow could not answer; GET the subscription for its status",
            {"subscription_id": sub.id},
        ) from err
    await session.refresh(sub)
    if sub.status == "expired" and not sub.gateway_subscription_id:
        raise ApiError(
            502,
            "gateway_error",
            sub.status_reason or "the payment provider refused the subscription",
            {"subscription_id": sub.id},
        )
    return True
