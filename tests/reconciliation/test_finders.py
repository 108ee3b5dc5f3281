"""The finders against seeded rows: what counts as stuck, orphaned, pending too long or
failed, and what must be left alone (live flows, young objects, settled rows)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from temporalio.client import Client

from sagas.activities.reconciliation import ReconciliationActivities
from sagas.activities.reconciliation.gateways import orphan_reason
from sagas.activities.reconciliation.models import FindingKind, FindInput
from sagas.db.models.webhooks import WebhookEvent
from sagas.deps import Deps
from sagas.domain.gateway_objects import SweptObject
from tests.reconciliation.helpers import finding_ids, forget, now, seed_checkout, seed_refund


def _pi(checkout_id: str, object_id: str) -> SweptObject:
    """A payable PaymentIntent naming ``checkout_id``, as the Stripe sweep reports it."""
    return SweptObject(
        object_type="payment_intent",
        object_id=object_id,
        checkout_id=checkout_id,
        status="requires_payment_method",
        payable=True,
        opened_by_other_flows=True,
    )


def acts(deps: Deps, client: Client) -> ReconciliationActivities:
    return ReconciliationActivities(deps.sessions, deps.gateways, deps.settings, client)


def find_input(**overrides: Any) -> FindInput:
    values: dict[str, Any] = {
        "sweep_id": secrets.token_hex(4),
        "as_of": now(),
        "limit": 500,
        "older_than_s": 300,
        "checkout_grace_s": 60,
        "refund_pending_s": 900,
        "webhook_failed_older_than_s": 120,
        "lookback_s": 3600,
    }
    values.update(overrides)
    return FindInput(**values)


async def test_stuck_checkouts(deps: Deps, temporal_client: Client) -> None:
    gone = await seed_checkout(deps)  # waiting, overdue, no workflow at all
    old_gone = await seed_checkout(deps, expires_in_s=3600)  # not overdue, but old and orphaned
    young = await seed_checkout(deps, created_ago_s=5, expires_in_s=3600)  # being started
    paid = await seed_checkout(deps, status="paid", order_status="paid")
    closed = await seed_checkout(deps, status="expired", order_status="expired")
    try:
        result = await acts(deps, temporal_client).find_stuck_checkouts(find_input())
    finally:
        await forget(deps, gone, old_gone, young, paid, closed)
    found = finding_ids(result)
    assert gone.id in found and old_gone.id in found
    for left_alone in (young.id, paid.id, closed.id):
        assert left_alone not in found
    by_id = {f.object_id: f for f in result.findings}
    assert by_id[gone.id].kind is FindingKind.STUCK_CHECKOUT
    assert "workflow missing" in by_id[gone.id].detail
    assert "past its deadline" in by_id[gone.id].detail
    assert "past its deadline" not in by_id[old_gone.id].detail


async def test_pending_refunds(deps: Deps, temporal_client: Client) -> None:
    old = await seed_refund(deps, created_ago_s=3600)
    fresh = await seed_refund(deps, created_ago_s=10)
    done = await seed_refund(deps, created_ago_s=3600, status="succeeded")
    try:
        result = await acts(deps, temporal_client).find_pending_refunds(find_input())
    finally:
        await forget(deps, old, fresh, done)
    found = finding_ids(result)
    assert old.id in found
    assert fresh.id not in found and done.id not in found
    assert all(f.kind is FindingKind.PENDING_REFUND for f in result.findings)


async def test_failed_webhooks(deps: Deps, temporal_client: Client) -> None:
    stale = WebhookEvent(
        gateway="stripe",
        event_id=f"evt_{secrets.token_hex(6)}",
        event_type="payment_intent.succeeded",
        status="pending",
        attempts=3,
        first_delivery_id="whd_x",
        detail="temporal unavailable",
        created_at=now() - timedelta(hours=1),
        updated_at=now() - timedelta(hours=1),
    )
    retrying = WebhookEvent(
        gateway="stripe",
        event_id=f"evt_{secrets.token_hex(6)}",
        event_type="payment_intent.succeeded",
        status="pending",
        attempts=1,
        first_delivery_id="whd_y",
        created_at=now(),
        updated_at=now(),
    )
    handed = WebhookEvent(
        gateway="stripe",
        event_id=f"evt_{secrets.token_hex(6)}",
        event_type="payment_intent.succeeded",
        status="handed_over",
        attempts=1,
        first_delivery_id="whd_z",
        created_at=now() - timedelta(hours=1),
        updated_at=now() - timedelta(hours=1),
    )
    async with deps.sessions() as session, session.begin():
        session.add_all([stale, retrying, handed])
    try:
        result = await acts(deps, temporal_client).find_failed_webhooks(find_input())
    finally:
        await forget(deps, stale, retrying, handed)
    found = finding_ids(result)
    assert str(stale.id) in found
    assert str(retrying.id) not in found and str(handed.id) not in found


async def test_orphan_rules(deps: Deps, temporal_client: Client) -> None:
    bound = await seed_checkout(deps, gateway_object_id="pi_bound_1", expires_in_s=3600)
    session_co = await seed_checkout(deps, gateway_object_id="cs_x", flow="checkout_session")
    closed = await seed_checkout(
        deps, status="expired", order_status="expired", gateway_object_id="pi_closed_1"
    )
    unbound = await seed_checkout(deps, status="created", expires_in_s=3600)
    try:
        await _check_orphan_rules(deps, temporal_client, bound, session_co, closed, unbound)
    finally:
        await forget(deps, bound, session_co, closed, unbound)


async def _check_orphan_rules(
    deps: Deps, temporal_client: Client, bound: Any, session_co: Any, closed: Any, unbound: Any
) -> None:
    async with deps.sessions() as s:
        assert "does not exist" in (
            await orphan_reason(s, temporal_client, _pi("co_nope", "pi_1")) or ""
        )
        assert "bound to pi_bound_1" in (
            await orphan_reason(s, temporal_client, _pi(bound.id, "pi_other")) or ""
        )
        assert await orphan_reason(s, temporal_client, _pi(bound.id, "pi_bound_1")) is None
        # A Session's own PaymentIntent is governed by the Session, never cancelled alone.
        assert await orphan_reason(s, temporal_client, _pi(session_co.id, "pi_of_session")) is None
        assert "still payable" in (
            await orphan_reason(s, temporal_client, _pi(closed.id, "pi_closed_1")) or ""
        )
        # No object bound yet: the saga's retried create will find it by its key.
        assert await orphan_reason(s, temporal_client, _pi(unbound.id, "pi_new")) is None
