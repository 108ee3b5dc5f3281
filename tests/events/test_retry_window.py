"""A delivery that never got a 2xx within the retry window ends ``failed`` and raises
``NeedsAttention`` on the dispatcher; a redelivery once the receiver works clears it.

The window is shortened by running the real dispatch activity (``ActivityEnvironment``)
with a tiny ``MERCHANT_WEBHOOK_RETRY_FOR_S`` beside the session's dispatcher."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from temporalio.testing import ActivityEnvironment

from sagas.deps import Deps
from sagas.events.delivery.dispatcher import DispatchActivities, DispatchInput
from sagas.settings import Settings
from sagas.temporal.search_attributes import NEEDS_ATTENTION
from tests.conftest import ADMIN
from tests.events.conftest import Dispatcher
from tests.events.helpers import deliveries, wait_acked, wait_types
from tests.events.receiver import MerchantReceiver
from tests.subscriptions.helpers import create_plan, customer, subscribe
from tests.support.net import eventually

pytestmark = pytest.mark.usefixtures("worker")


async def _attention(dispatcher: Dispatcher) -> bool | None:
    desc = await dispatcher.handle.describe()
    return desc.typed_search_attributes.get(NEEDS_ATTENTION)


async def test_failed_after_the_window_then_redelivered(
    api: httpx.AsyncClient,
    deps: Deps,
    event_settings: Settings,
    dispatcher: Dispatcher,
    receiver: MerchantReceiver,
    register: Any,
) -> None:
    endpoint = await register(receiver.url, ["subscription.active"])
    receiver.always = 500
    plan = await create_plan(api, price=0, name="Free")
    r = await subscribe(api, customer_id=customer(), plan_id=plan["id"], gateway=None)
    assert r.status_code == 201, r.text
    (event,) = await wait_types(api, r.json()["id"], ["subscription.active"])

    short = event_settings.model_copy(update={"merchant_webhook_retry_for_s": 0.2})
    acts = DispatchActivities(deps.sessions, short)

    async def gave_up() -> list[dict[str, Any]]:
        await ActivityEnvironment().run(acts.dispatch, DispatchInput(run_for_s=1.0))
        rows = await deliveries(api, endpoint["id"], event_id=event["id"], status="failed")
        return [a for a in rows if a["next_attempt_at"] is None]

    (last,) = await eventually(gave_up, timeout=30, message="the delivery never gave up")
    assert last["response_status"] == 500 and last["error"] == "HTTP 500"
    assert not await deliveries(api, endpoint["id"], event_id=event["id"], status="pending")

    async def flagged() -> bool:
        return await _attention(dispatcher) is True

    await eventually(flagged, timeout=30, interval=0.5, message="NeedsAttention never raised")

    receiver.always = None  # the merchant fixed its receiver
    r = await api.post(
        f"/v1/events/{event['id']}/redeliver", json={"endpoint_id": endpoint["id"]}, headers=ADMIN
    )
    assert r.status_code == 202, r.text
    assert [d["status"] for d in r.json()["deliveries"]] == ["pending"]
    hit = await wait_acked(receiver, event["id"])
    assert hit.webhook_id == event["id"]

    async def cleared() -> bool:
        return await _attention(dispatcher) is False

    await eventually(cleared, timeout=30, interval=0.5, message="NeedsAttention never cleared")
