"""Recurring sweeps as Temporal Schedules, created (or brought in line with the settings)
by every worker at start: the first creates the schedule, the others find it there and
update its spec, so a changed interval or task queue takes effect on the next deploy.

Overlap policy SKIP: a sweep still running when the next one is due makes the next one
wait for the following slot rather than run two at once.
"""

from __future__ import annotations

from datetime import timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
)


def every(action: ScheduleActionStartWorkflow, interval: timedelta) -> Schedule:
    """Start ``action`` every ``interval``, skipping a slot while the last run is going."""
    return Schedule(
        action=action,
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=interval)]),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
    )


async def ensure_schedule(client: Client, schedule_id: str, schedule: Schedule) -> bool:
    """Create the schedule, or update the existing one to it; True when it was created."""
    try:
        await client.create_schedule(schedule_id, schedule)
        return True
    except ScheduleAlreadyRunningError:
        pass

    def _update(_: ScheduleUpdateInput) -> ScheduleUpdate:
        return ScheduleUpdate(schedule=schedule)

    await client.get_schedule_handle(schedule_id).update(_update)
    return False
