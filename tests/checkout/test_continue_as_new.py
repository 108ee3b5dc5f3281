"""A long wait continues-as-new: the history stays short, nothing the saga knew is lost."""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from typing import Any

from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.worker import Worker

from sagas.db.base import utcnow
from sagas.deps import Deps
from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.services.checkout_launch import checkout_input
from sagas.services.checkouts.create import create_checkout
from sagas.services.checkouts.requests import Item, NewCheckout
from sagas.settings import Settings
from sagas.starters.checkout import start_checkout
from sagas.workflows.checkout import CheckoutState
from tests.checkout.helpers import ledger, make_product, sim_post, wait_status
from tests.replay.record import HISTORIES_DIR
from tests.support.net import eventually


async def _state(client: Client, workflow_id: str) -> CheckoutState:
    state: CheckoutState = await client.get_workflow_handle(workflow_id).query(
        "state", result_type=CheckoutState
    )
    return state


async def _record_runs(client: Client, workflow_id: str, run_ids: list[str]) -> None:
    """The first run (ends in continue-as-new) and the last (paid from a carry)."""
    if os.environ.get("SAGAS_RECORD_HISTORIES") != "1":
        return
    names = {run_ids[0]: "checkout-continue-as-new-waiting", "": "checkout-continue-as-new-paid"}
    for run_id, name in names.items():
        handle = client.get_workflow_handle(workflow_id, run_id=run_id or None)
        history = await handle.fetch_history()
        (HISTORIES_DIR / f"{name}.json").write_text(history.to_json())


async def test_a_long_wait_continues_as_new_and_is_then_paid(
    worker: Worker, temporal_client: Client, deps: Deps, settings: Settings, sim: Any
) -> None:
    product = await make_product(deps)
    async with deps.sessions() as session:
        created = await create_checkout(
            session,
            NewCheckout(
                customer_id="cust_can",
                customer_email="can@example.com",
                items=[Item(product, 1)],
                gateway="stripe",
                flow="payment_intent",
            ),
            idempotency_key=f"can-{secrets.token_hex(6)}",
            request_fingerprint="c" * 64,
            now=utcnow(),
            default_expires_in_s=600,
        )
        await session.commit()
    co = created.checkout
    inp = checkout_input(co, settings).model_copy(
        update={"poll_interval_s": 1, "max_polls_per_run": 3}
    )
    result = await start_checkout(temporal_client, co, settings, inp)
    assert result.ok and result.gateway_object_id
    handle = temporal_client.get_workflow_handle(co.workflow_id)
    run_ids: list[str] = [(await handle.describe()).run_id]

    async def runs_at_least(n: int) -> CheckoutState | None:
        described = await handle.describe()
        if described.run_id not in run_ids:
            run_ids.append(described.run_id)
        state = await _state(temporal_client, co.workflow_id)
        return state if state.runs >= n else None

    state: CheckoutState = await eventually(lambda: runs_at_least(3), timeout=40, interval=0.3)
    assert state.stage == "awaiting_payment" and state.gateway_object_id == result.gateway_object_id
    # The gateway object is created once, whatever the number of runs: update-with-start
    # on the continued run answers the carried object.
    again = await start_checkout(temporal_client, co, settings, inp)
    assert again.gateway_object_id == result.gateway_object_id

    # Signals sent across a run boundary: each is counted once, in whichever run got it.
    sent: list[str] = []
    boundary = state.runs + 1
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and len(sent) < 60:
        event_id = f"evt_can_{secrets.token_hex(4)}"
        await handle.signal(
            "psp_event",
            PspEvent(
                gateway=Gateway.STRIPE,
                event_id=event_id,
                event_type="payment_intent.processing",
                kind=PspEventKind.PAYMENT_PROCESSING,
                object_id=result.gateway_object_id,
                checkout_id=co.id,
            ),
        )
        sent.append(event_id)
        if (await _state(temporal_client, co.workflow_id)).runs > boundary:
            break
        await asyncio.sleep(0.2)
    assert (await _state(temporal_client, co.workflow_id)).runs > boundary, "no boundary crossed"
    await handle.signal(  # a duplicate of an event the previous run saw: still deduped
        "psp_event",
        PspEvent(
            gateway=Gateway.STRIPE,
            event_id=sent[0],
            event_type="payment_intent.processing",
            kind=PspEventKind.PAYMENT_PROCESSING,
            object_id=result.gateway_object_id,
            checkout_id=co.id,
        ),
    )

    await sim_post(
        sim, f"/stripe/payment_intents/{result.gateway_object_id}/pay", {"outcome": "succeed"}
    )
    _, order = await wait_status(deps, co.id, "fulfilled", timeout=40)
    assert order.captured_minor == co.total_minor
    assert [e.kind for e in await ledger(deps, order.id)] == ["capture"]
    await handle.result()
    final = await _state(temporal_client, co.workflow_id)
    assert final.runs >= 4 and final.stage == "fulfilled"
    # Every signal sent counted once (the webhook events of the payment come on top).
    assert final.events_seen >= len(sent)
    first = await temporal_client.get_workflow_handle(co.workflow_id, run_id=run_ids[0]).describe()
    assert first.status == WorkflowExecutionStatus.CONTINUED_AS_NEW
    await _record_runs(temporal_client, co.workflow_id, run_ids)
