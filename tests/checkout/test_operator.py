"""NeedsAttention and the validated operator actions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.worker import Worker

from sagas.db.models.orders import Order
from sagas.deps import Deps
from sagas.temporal.search_attributes import NEEDS_ATTENTION
from sagas.workflows.checkout import CheckoutState
from sagas.workflows.operator.actions import (
    OperatorAction,
    OperatorActionKind,
    OperatorActionResult,
)
from tests.checkout.helpers import body, create, make_product, rows, sim_post, wait_status
from tests.replay.record import record_history
from tests.support.net import eventually


async def _set_order_status(deps: Deps, order_id: str, status: str) -> None:
    async with deps.sessions() as session, session.begin():
        order = await session.get(Order, order_id)
        assert order is not None
        order.status = status


async def test_a_stuck_settlement_waits_for_an_operator(
    worker: Worker, api: httpx.AsyncClient, deps: Deps, sim: Any, temporal_client: Client
) -> None:
    product = await make_product(deps)
    data = (await create(api, body(product))).json()
    handle = temporal_client.get_workflow_handle(data["workflow_id"])
    with pytest.raises(WorkflowUpdateFailedError):  # nothing needs attention yet
        await handle.execute_update(
            "operator_action",
            OperatorAction(action=OperatorActionKind.RETRY),
            result_type=OperatorActionResult,
        )
    # The order row was changed behind the saga's back: the payment cannot be booked.
    await _set_order_status(deps, data["order_id"], "cancelled")
    await sim_post(
        sim, f"/stripe/payment_intents/{data['gateway']['object_id']}/pay", {"outcome": "succeed"}
    )

    async def attention() -> CheckoutState | None:
        state = await handle.query("state", result_type=CheckoutState)
        return state if state.attention.needed else None

    state: CheckoutState = await eventually(attention, timeout=30, interval=0.3)
    assert "record settled payment" in (state.attention.reason or "")
    described = await handle.describe()
    assert described.typed_search_attributes.get(NEEDS_ATTENTION) is True
    with pytest.raises(WorkflowUpdateFailedError):  # resolve needs a reason
        await handle.execute_update(
            "operator_action",
            OperatorAction(action=OperatorActionKind.RESOLVE, reason=" "),
            result_type=OperatorActionResult,
        )
    await _set_order_status(deps, data["order_id"], "pending")
    done = await handle.execute_update(
        "operator_action",
        OperatorAction(action=OperatorActionKind.RETRY, reason="row fixed"),
        result_type=OperatorActionResult,
    )
    assert done.accepted
    try:
        _, order = await wait_status(deps, data["id"], "fulfilled")
    except AssertionError:
        state = await handle.query("state", result_type=CheckoutState)
        raise AssertionError(f"saga did not finish: {state!r}") from None
    assert order.captured_minor == 10000
    state = await handle.query("state", result_type=CheckoutState)
    assert not state.attention.needed and state.attention.last_action is not None
    co, _ = await rows(deps, data["id"])
    assert co.status == "fulfilled"
    await handle.result()
    await record_history(temporal_client, data["workflow_id"], "checkout-operator-retry-lean")
