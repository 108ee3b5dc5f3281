"""The development time scale (``SAGAS_DEV_SECONDS_PER_DAY``): the calendar rule, the
production refusal, and one subscription on a 10-minute day on the time-skipping server
(trial, first charge, a renewal, a failed renewal and its recovery), whose periods,
trial and dunning offsets follow the scale carried in the workflow input. Also the
period-end read: a PSP that cannot be read at renewal time delays the renewal, and
never ends the subscription's workflow.
"""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowExecutionStatus, WorkflowHandle
from temporalio.common import TypedSearchAttributes

from sagas.services.subscriptions.opening import open_subscription
from sagas.services.subscriptions.workflow_ids import workflow_input
from sagas.settings import Settings
from sagas.temporal.search_attributes import SAGA_STAGE, initial_pairs
from sagas.workflows.subscription.dunning import dunning_times
from sagas.workflows.subscription.messages.inputs import SubscriptionInput
from sagas.workflows.subscription.periods import add_interval, scaled_days
from tests.replay.record import HISTORIES_DIR
from tests.subscriptions.conftest import DUNNING, Skipping
from tests.subscriptions.helpers import (
    card,
    customer,
    entitled_plans,
    pay_first,
    renew,
    row,
    sim_call,
    wait_gateway_id,
    wait_status,
)
from tests.support.net import eventually

DAY_S = 600  # a ten-minute day
JAN31 = datetime(2025, 1, 31, 12, tzinfo=UTC)


def test_real_scale_keeps_calendar_months() -> None:
    assert add_interval(JAN31, "month", 1) == datetime(2025, 2, 28, 12, tzinfo=UTC)
    assert add_interval(JAN31, "year", 1) == datetime(2026, 1, 31, 12, tzinfo=UTC)
    assert add_interval(JAN31, "month", 1, 86400) == add_interval(JAN31, "month", 1)


def test_scaled_calendar_is_days_of_seconds() -> None:
    assert add_interval(JAN31, "day", 2, 10) == JAN31 + timedelta(seconds=20)
    assert add_interval(JAN31, "week", 1, 10) == JAN31 + timedelta(seconds=70)
    assert add_interval(JAN31, "month", 1, 10) == JAN31 + timedelta(seconds=300)
    assert add_interval(JAN31, "year", 1, 10) == JAN31 + timedelta(seconds=3650)
    assert scaled_days(1, 10) == timedelta(seconds=10)
    assert dunning_times(JAN31, [259200, 86400], 10) == [
        JAN31 + timedelta(seconds=10),
        JAN31 + timedelta(seconds=30),
    ]
    with pytest.raises(ValueError, match="unknown interval"):
        add_interval(JAN31, "fortnight", 1, 10)


def test_time_scale_is_refused_in_production() -> None:
    assert Settings(sagas_dev_seconds_per_day=10).sagas_dev_seconds_per_day == 10
    with pytest.raises(ValidationError, match="SAGAS_DEV_SECONDS_PER_DAY"):
        Settings(sagas_env="production", sagas_dev_seconds_per_day=10)
    for bad in (0, 86401):
        with pytest.raises(ValidationError):
            Settings(sagas_dev_seconds_per_day=bad)
    # Old inputs (no field) run at the real scale.
    assert SubscriptionInput.model_validate({"subscription_id": "s"}).seconds_per_day == 86400


#: How long a skipped timer's PSP read and row write may take on a loaded CI machine.
SETTLE_S = 90.0


async def _start_scaled(
    skipping: Skipping, plan_id: str, cus: str
) -> tuple[str, datetime, WorkflowHandle[Any, Any]]:
    """Open the row and start the workflow as the API does under a scaled settings."""
    scaled = skipping.deps.settings.model_copy(update={"sagas_dev_seconds_per_day": DAY_S})
    now = await skipping.env.get_current_time()
    async with skipping.deps.sessions() as session, session.begin():
        opened = await open_subscription(
            session,
            scaled,
            idempotency_key=f"scale-{secrets.token_hex(6)}",
            customer_id=cus,
            plan_id=plan_id,
            gateway="stripe",
            now=now,
        )
    sub = opened.subscription
    handle = await skipping.client.start_workflow(
        "SubscriptionWorkflow",
        workflow_input(sub.id, scaled),
        id=sub.workflow_id,
        task_queue=skipping.task_queue,
        search_attributes=TypedSearchAttributes(
            initial_pairs("subscription", customer_id=cus, gateway="stripe")
        ),
    )
    return sub.id, now, handle


async def _waiting_for_trial_end(handle: WorkflowHandle[Any, Any]) -> None:
    """Until the saga waits for the trial's end (its first timer). By then it has read the
    PSP right after opening the trial there, noting the trial's own free invoice, so the
    conversion the test makes next is news to it, as a conversion at the trial's end is.
    Converted before that read (a loaded machine), the paid invoice would pass for the
    trial's own and the saga would wait for another payment."""

    async def timer_started() -> bool:
        history = await handle.fetch_history()
        return any(e.event_type == EventType.EVENT_TYPE_TIMER_STARTED for e in history.events)

    await eventually(
        timer_started, timeout=SETTLE_S, interval=0.2, message="never waited for the trial's end"
    )


async def test_scaled_subscription_trial_renewal_dunning_recovery(
    skipping: Skipping, sim: Any
) -> None:
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=2500, interval="month", trial_days=1)
    cus = customer()
    sub_id, opened_at, handle = await _start_scaled(skipping, plan, cus)
    first_run = (await handle.describe()).run_id
    trial = await row(sessions, sub_id)
    assert trial.status == "trialing" and trial.trial_end is not None
    assert trial.trial_end.replace(tzinfo=UTC) - opened_at == timedelta(seconds=DAY_S)
    assert await entitled_plans(sessions, cus) == [plan]

    gsid = await wait_gateway_id(sessions, sub_id)  # the trial lives at the PSP
    await _waiting_for_trial_end(handle)
    await renew(sim, "stripe", gsid)  # the PSP converts it (one exact charge)
    await skipping.skip(timedelta(seconds=DAY_S + 30))  # one scaled day: the trial ends
    active = await wait_status(sessions, sub_id, "active", within=SETTLE_S)
    assert active.current_period_start and active.current_period_end
    month = timedelta(seconds=30 * DAY_S)  # a scaled month is 30 scaled days
    assert active.current_period_end - active.current_period_start == month

    await renew(sim, "stripe", gsid)
    await skipping.skip_past(active.current_period_end.replace(tzinfo=UTC))

    async def renewed() -> bool:
        return (await row(sessions, sub_id)).period_index == 1

    await eventually(renewed, timeout=30, interval=0.2, message="renewal not recorded")
    second = await row(sessions, sub_id)
    assert second.current_period_start == active.current_period_end
    assert second.current_period_end and second.current_period_start
    assert second.current_period_end - second.current_period_start == month
    second_run = (await skipping.client.get_workflow_handle(handle.id).describe()).run_id
    assert second_run != first_run  # continued as new at the renewal
    closed = await skipping.client.get_workflow_handle(handle.id, run_id=first_run).describe()
    assert closed.typed_search_attributes.get(SAGA_STAGE) == "renewed"  # how it ended, in the UI

    failed = await renew(sim, "stripe", gsid, "fail")
    await card(sim, gsid, "decline")  # the saved card declines the dunning retries
    await skipping.skip_past(second.current_period_end.replace(tzinfo=UTC), timedelta(seconds=5))
    past_due = await wait_status(sessions, sub_id, "past_due", within=SETTLE_S)
    grace = int(DUNNING.split(",")[0]) * DAY_S / 86400  # the first check, scaled: 25 s
    assert past_due.grace_until is not None
    after_end = past_due.grace_until - second.current_period_end
    assert timedelta(seconds=grace) <= after_end <= timedelta(seconds=grace + 10), after_end
    assert await entitled_plans(sessions, cus) == [plan]  # within the grace
    await skipping.skip(timedelta(seconds=grace + 5))

    async def grace_over() -> bool:
        return (await row(sessions, sub_id)).grace_until is None

    await eventually(grace_over, timeout=30, interval=0.2, message="grace never ended")
    assert await entitled_plans(sessions, cus) == []
    await sim_call(sim, f"stripe/invoices/{failed['invoice']['id']}/pay", {"outcome": "succeed"})
    await skipping.skip(timedelta(seconds=grace * 2))  # the next scaled dunning check
    back = await wait_status(sessions, sub_id, "active", within=SETTLE_S)
    assert back.period_index == 2 and back.grace_until is None
    assert await entitled_plans(sessions, cus) == [plan]

    if os.environ.get("SAGAS_RECORD_HISTORIES") == "1":  # whole runs, each up to its CAN
        for run_id, name in (
            (first_run, "subscription-scaled-renewed-trial-first-renewal"),
            (second_run, "subscription-scaled-renewed-dunning-recovered"),
        ):
            run = skipping.client.get_workflow_handle(handle.id, run_id=run_id)
            history = await run.fetch_history()
            (HISTORIES_DIR / f"{name}.json").write_text(history.to_json())
    await skipping.client.get_workflow_handle(handle.id).execute_update(
        "cancel", {"at_period_end": False}
    )
    await wait_status(sessions, sub_id, "cancelled", within=SETTLE_S)


async def test_unreadable_psp_at_period_end_delays_the_renewal(
    skipping: Skipping, sim: Any
) -> None:
    sessions = skipping.deps.sessions
    plan = await skipping.plan(price=900, interval="week")
    cus = customer()
    sub_id, handle = await skipping.start(customer_id=cus, plan_id=plan, gateway="stripe")
    gsid = await wait_gateway_id(sessions, sub_id)
    await pay_first(sim, "stripe", gsid)
    active = await wait_status(sessions, sub_id, "active", within=SETTLE_S)
    assert active.current_period_end is not None
    first_run = (await handle.describe()).run_id
    await renew(sim, "stripe", gsid)
    faults = {"api_error_rate": 1.0, "api_error_paths": [f"/stripe/v1/subscriptions/{gsid}"]}
    async with httpx.AsyncClient(base_url=f"{sim.base_url}/_sim", timeout=10) as control:
        put = await control.put("/faults", json=faults)
        assert put.status_code == 200, put.text
        try:
            # Past the period's end and well past one read's retries: the PSP answers 500.
            await skipping.skip_past(active.current_period_end.replace(tzinfo=UTC))
            await skipping.skip(timedelta(minutes=10))
            run = skipping.client.get_workflow_handle(handle.id, run_id=first_run)
            assert (await run.describe()).status == WorkflowExecutionStatus.RUNNING
            history = await run.fetch_history()
            assert any(
                e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED for e in history.events
            )
            assert (await row(sessions, sub_id)).status == "active"
            assert (await run.query("state"))["stage"] == "renewing"
        finally:
            reset = await control.put(
                "/faults", json={"api_error_rate": 0.0, "api_error_paths": None}
            )
            assert reset.status_code == 200, reset.text
    await skipping.skip(timedelta(hours=2))  # the next poll reads the renewal

    async def renewed() -> bool:
        return (await row(sessions, sub_id)).period_index == 1

    await eventually(renewed, timeout=30, interval=0.2, message="renewal not recorded")
    assert await entitled_plans(sessions, cus) == [plan]
