"""Starting a new checkout's saga and answering once its gateway object exists."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import (
    Client,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
)
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError

from api.errors import ApiError
from sagas.db.models.checkouts import Checkout
from sagas.settings import Settings
from sagas.starters import checkout as flow
from sagas.workflows.checkout import GatewayObjectResult


async def answer(
    session: AsyncSession,
    client: Client,
    co: Checkout,
    settings: Settings,
) -> Checkout:
    """Wait for the gateway object of ``co`` (if still being made) and re-read the row."""
    if co.status == "created":
        try:
            result: GatewayObjectResult | None = await flow.start_checkout(client, co, settings)
        except WorkflowAlreadyStartedError:
            result = None  # the saga already closed: the row says how it ended
        except (
            RPCError,
            WorkflowUpdateFailedError,
            WorkflowUpdateRPCTimeoutOrCancelledError,
        ) as err:
            # The row stays `created` with its discount held: the same Idempotency-Key
            # resumes it (and the reconciliation restarts a saga that never started).
            raise ApiError(
                503,
                "service_unavailable",
                "the checkout saga could not be reached; retry with the same Idempotency-Key",
                {"checkout_id": co.id},
            ) from err
        await session.refresh(co)
        if result is not None and not result.ok and co.status == "created":
            raise ApiError(502, "gateway_error", result.error or "the payment provider failed")
    if co.status == "failed":
        raise ApiError(
            502,
            "gateway_error",
            co.status_reason or "the payment provider failed",
            {"checkout_id": co.id, "order_id": co.order_id},
        )
    return co
