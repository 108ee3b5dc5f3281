"""Recording the PSP's word about a dispute (on the test database): idempotent, ordered by
the PSP's status, money moved once, a dispute sent back from review asks again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from sagas.db.base import utcnow
from sagas.db.engine import unit_of_work
from sagas.db.ids import new_id
from sagas.db.models.events import Event, EventDelivery
from sagas.db.models.orders import Order
from sagas.deps import Deps
from sagas.disputes.recorded import Recorded
from sagas.disputes.records import record
from sagas.domain.disputes import DisputeStatus, PspDispute
from sagas.events import endpoints
from sagas.events.fulfilment import release_if_acknowledged
from sagas.events.outbox import emit
from tests.disputes.helpers import seeded
from tests.refunds.helpers import Seeded, ledger, order_row

DUE = datetime(2026, 12, 24, tzinfo=UTC)


def _psp(s: Seeded, status: DisputeStatus, *, submitted: bool = False, **money: int) -> PspDispute:
    return PspDispute(
        gateway=s.gateway,
        gateway_dispute_id=f"disp_{s.order_id[-12:]}",
        gateway_payment_id=s.psp_payment_id,
        amount_minor=s.amount,
        currency=s.currency,
        reason="chargeback",
        status=status,
        raw_status=status.value,
        evidence_due_by=DUE,
        evidence_submitted=submitted,
        **money,
    )


async def _record(deps: Deps, psp: PspDispute) -> Recorded:
    async with unit_of_work(deps.sessions) as session:
        return await record(session, psp, workflow_id="dispute-test")


async def test_the_same_word_twice_changes_nothing(deps: Deps, sim: Any) -> None:
    s = await seeded(deps, sim, "razorpay", status="fulfilled")
    first = await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
    assert first.changes == ["opened", "order_disputed"]
    again = await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
    assert again.changes == [] and again.dispute_id == first.dispute_id
    lost = _psp(s, DisputeStatus.LOST, withdrawn_minor=s.amount)
    assert "funds_withdrawn" in (await _record(deps, lost)).changes
    assert (await _record(deps, lost)).changes == []
    kinds = [e.kind for e in await ledger(deps, s.order_id)]
    assert kinds.count("dispute_debit") == 1
    assert (await order_row(deps, s.order_id)).status == "charged_back"


async def test_a_final_word_is_final(deps: Deps, sim: Any) -> None:
    s = await seeded(deps, sim, "razorpay", status="paid")
    first = await _record(deps, _psp(s, DisputeStatus.WON))
    assert first.changes == ["opened", "won"]  # the order was never shown disputed
    late = await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
    assert late.status == "won" and late.changes == []
    assert (await order_row(deps, s.order_id)).status == "paid"


async def test_a_win_gives_back_what_a_refund_landed_meanwhile_left(deps: Deps, sim: Any) -> None:
    """A refund opened before the dispute succeeded while it stood (the order stayed
    ``disputed``): winning must not bring back ``fulfilled`` as if nothing was repaid."""
    s = await seeded(deps, sim, "stripe", status="fulfilled")
    await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
    async with unit_of_work(deps.sessions) as session:
        order = await session.get(Order, s.order_id)
        assert order is not None and order.status == "disputed"
        order.refunded_minor = s.amount // 2
    await _record(deps, _psp(s, DisputeStatus.WON))
    assert (await order_row(deps, s.order_id)).status == "partially_refunded"


async def test_sent_back_from_review_asks_for_evidence_again(deps: Deps, sim: Any) -> None:
    s = await seeded(deps, sim, "razorpay", status="paid")
    await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
    review = await _record(deps, _psp(s, DisputeStatus.UNDER_REVIEW, submitted=True))
    assert review.evidence_submitted and "evidence_submitted" in review.changes
    back = await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
    assert back.status == "needs_response" and not back.evidence_submitted
    assert (await order_row(deps, s.order_id)).status == "disputed"


async def _hand_off_waiting(deps: Deps, order_id: str) -> str:
    """``order.paid`` written with a pending delivery to an enabled endpoint of this test
    (subscribed to a type no hand-off waits on, so no other test's order waits on it)."""
    async with unit_of_work(deps.sessions) as session:
        endpoint = await endpoints.create(
            session,
            url="http://127.0.0.1:9/hook",
            event_types=["checkout.requires_action"],
            description="dispute records test",
        )
        await emit(session, type="order.paid", object_id=order_id, data_object={})
        event_id = await session.scalar(
            select(Event.id).where(Event.object_id == order_id, Event.type == "order.paid")
        )
        now = utcnow()
        session.add(
            EventDelivery(
                id=new_id("whd"),
                event_id=event_id,
                endpoint_id=endpoint.id,
                status="pending",
                attempts=0,
                next_attempt_at=None,  # parked: the test's dispatcher never sends it
                window_started_at=now,
            )
        )
        return endpoint.id


async def _delete_endpoint(deps: Deps, endpoint_id: str) -> None:
    async with unit_of_work(deps.sessions) as session:
        await endpoints.set_status(session, await endpoints.get(session, endpoint_id), "deleted")


async def test_a_won_dispute_fulfils_an_order_acknowledged_while_disputed(
    deps: Deps, sim: Any
) -> None:
    """``order.paid`` waits on an endpoint; the dispute opens; the endpoint acknowledges
    (which cannot move a ``disputed`` order); the dispute is won: the order, ``paid``
    again, has nobody left to wait on and must not stay ``paid`` for ever."""
    s = await seeded(deps, sim, "razorpay", status="paid")
    endpoint_id = await _hand_off_waiting(deps, s.order_id)
    try:
        await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
        assert (await order_row(deps, s.order_id)).status == "disputed"
        async with unit_of_work(deps.sessions) as session:
            for delivery in await session.scalars(
                select(EventDelivery)
                .join(Event, Event.id == EventDelivery.event_id)
                .where(Event.object_id == s.order_id)
            ):
                delivery.status = "succeeded"  # acknowledged, as the dispatcher records it
            await session.flush()
            await release_if_acknowledged(session, s.order_id)
        assert (await order_row(deps, s.order_id)).status == "disputed"
        won = await _record(deps, _psp(s, DisputeStatus.WON))
        assert "order_restored" in won.changes
        assert (await order_row(deps, s.order_id)).status == "fulfilled"
        async with deps.sessions() as session:
            types = list(
                await session.scalars(
                    select(Event.type).where(Event.object_id == s.order_id).order_by(Event.sequence)
                )
            )
        assert types[-1] == "order.fulfilled"
    finally:
        await _delete_endpoint(deps, endpoint_id)


async def test_a_won_dispute_leaves_an_unacknowledged_hand_off_waiting(
    deps: Deps, sim: Any
) -> None:
    s = await seeded(deps, sim, "razorpay", status="paid")
    endpoint_id = await _hand_off_waiting(deps, s.order_id)
    try:
        await _record(deps, _psp(s, DisputeStatus.NEEDS_RESPONSE))
        await _record(deps, _psp(s, DisputeStatus.WON))
        assert (await order_row(deps, s.order_id)).status == "paid"
    finally:
        await _delete_endpoint(deps, endpoint_id)
