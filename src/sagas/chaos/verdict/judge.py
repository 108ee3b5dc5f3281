"""Judging the evidence: every invariant of CONTRACT section 8."""

from __future__ import annotations

from datetime import UTC, datetime

from ..actors.stage import Started
from ..invariants.discounts import inv5_discount
from ..invariants.entitlements import inv8_entitlements
from ..invariants.event_feed import inv10_event_feed
from ..invariants.lost_answers import inv11_one_object_per_request
from ..invariants.money_totals import inv6_money_adds_up
from ..invariants.objects_per_request import inv4_one_object_per_request
from ..invariants.paid_orders import inv1_paid_orders_have_settled_payment
from ..invariants.refunds import inv12_refunds_reversed
from ..invariants.stray_money import inv2_no_money_without_order
from ..invariants.waiting import inv3_nothing_waits
from ..invariants.webhooks import inv7_webhooks
from ..report.invariant import Invariant
from .evidence import Evidence
from .subscriptions import _waiting_subscriptions


def judge(
    ev: Evidence,
    started: Started,
    *,
    fuzzed: list[str],
    server_errors: list[str],
    slack_s: float,
) -> list[Invariant]:
    db, psp = ev.db, ev.psp
    now = datetime.now(UTC)
    feed_note = None if ev.feed is not None else "no event feed (GET /v1/events) on this API"
    return [
        Invariant(1, inv1_paid_orders_have_settled_payment(db, psp)),
        Invariant(2, inv2_no_money_without_order(db, psp)),
        Invariant(3, inv3_nothing_waits(db, ev.workflows) + _waiting_subscriptions(ev)),
        Invariant(4, inv4_one_object_per_request(db, psp)),
        Invariant(5, inv5_discount(db, started.discounted)),
        Invariant(6, inv6_money_adds_up(db, psp)),
        Invariant(7, inv7_webhooks(ev.made, ev.audited, ev.acked, ev.event_status)),
        Invariant(8, inv8_entitlements(db, ev.granted, psp, now, slack_s)),
        Invariant(9, fuzzed + [f"inv9: {e}" for e in server_errors]),
        Invariant(10, inv10_event_feed(db, ev.feed), feed_note),
        Invariant(11, inv11_one_object_per_request(db, psp)),
        Invariant(12, inv12_refunds_reversed(db, psp)),
    ]
