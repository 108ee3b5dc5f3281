"""CONTRACT section 8, checked over our database and the PSP's own state.

Each check returns violations as sentences naming the checkout (or refund, or delivery)
that broke the invariant, so a failing run says what to look at, not just "False".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from sagas.db.models.catalogue import DiscountCode, DiscountRedemption
from sagas.db.models.checkouts import Checkout
from sagas.db.models.orders import Order, Payment
from sagas.db.models.refunds import Refund
from sagas.deps import Deps
from tests.invariants.psp import PspState

PAID_ORDER = {"paid", "fulfilled", "partially_refunded", "refunded"}
TERMINAL_CHECKOUT = {"fulfilled", "expired", "cancelled", "failed"}
TERMINAL_ORDER = {"fulfilled", "partially_refunded", "refunded", "expired", "cancelled", "failed"}


@dataclass
class Db:
    checkouts: dict[str, Checkout]
    orders: dict[str, Order]  # by id
    payments: list[Payment]
    refunds: list[Refund]
    code: DiscountCode
    redemptions: list[DiscountRedemption]

    @classmethod
    async def read(cls, deps: Deps, checkout_ids: set[str], code: str) -> Db:
        async with deps.sessions() as s:
            cos = list(await s.scalars(select(Checkout).where(Checkout.id.in_(checkout_ids))))
            order_ids = {c.order_id for c in cos}
            orders = list(await s.scalars(select(Order).where(Order.id.in_(order_ids))))
            pays = list(await s.scalars(select(Payment).where(Payment.order_id.in_(order_ids))))
            refunds = list(await s.scalars(select(Refund).where(Refund.order_id.in_(order_ids))))
            dc = await s.scalar(select(DiscountCode).where(DiscountCode.code == code))
            assert dc is not None
            reds = list(
                await s.scalars(
                    select(DiscountRedemption).where(DiscountRedemption.discount_code_id == dc.id)
                )
            )
        return cls({c.id: c for c in cos}, {o.id: o for o in orders}, pays, refunds, dc, reds)

    def order_of(self, checkout_id: str) -> Order:
        return self.orders[self.checkouts[checkout_id].order_id]

    def captured_payment(self, order_id: str) -> list[Payment]:
        return [p for p in self.payments if p.order_id == order_id and p.status == "captured"]


def inv1_paid_orders_have_settled_payment(db: Db, psp: PspState) -> list[str]:
    """1: no order paid without a settled PSP payment bound to its checkout's object."""
    out: list[str] = []
    for co in db.checkouts.values():
        order = db.orders[co.order_id]
        if co.status in ("expired", "cancelled", "failed"):
            # Never paid: no payment may be bound to it (a late one is booked "late" and
            # refunded, which leaves the order "refunded"; invariant 2 checks that money).
            if db.captured_payment(order.id):
                out.append(f"inv1: checkout {co.id} is {co.status} yet holds a captured payment")
            continue
        if order.status not in PAID_ORDER:
            continue
        who = f"checkout {co.id} ({co.gateway}/{co.flow}, order {order.id} {order.status})"
        bound = db.captured_payment(order.id)
        if len(bound) != 1:
            out.append(f"inv1: {who} has {len(bound)} captured payments, want exactly 1")
            continue
        p = bound[0]
        pid = p.gateway_payment_id
        if pid not in (psp.intents if co.gateway == "stripe" else psp.rzp_payments):
            out.append(f"inv1: {who}: payment {pid} does not exist at the PSP")
            continue
        if pid not in {x for _, x, _ in psp.captured()}:
            out.append(f"inv1: {who}: payment {pid} is not settled at the PSP")
        if co.gateway_object_id not in psp.bound_object(co.gateway, pid):
            out.append(
                f"inv1: {who}: payment {pid} is bound to {psp.bound_object(co.gateway, pid)}, "
                f"not the checkout's object {co.gateway_object_id}"
            )
        if psp.checkout_of(co.gateway, pid) != co.id:
            out.append(
                f"inv1: {who}: payment {pid} names checkout {psp.checkout_of(co.gateway, pid)}"
            )
        if psp.currency(co.gateway, pid) != order.currency:
            out.append(
                f"inv1: {who}: PSP currency {psp.currency(co.gateway, pid)} != {order.currency}"
            )
        if psp.amount(co.gateway, pid) < order.total_minor:
            out.append(
                f"inv1: {who}: PSP amount {psp.amount(co.gateway, pid)} < total {order.total_minor}"
            )
    return out


def inv2_no_money_without_order(db: Db, psp: PspState) -> list[str]:
    """2: every captured PSP payment is a paid order's payment or fully refunded."""
    out: list[str] = []
    held = {
        (p.gateway, p.gateway_payment_id)
        for p in db.payments
        if p.status == "captured" and db.orders[p.order_id].status in PAID_ORDER
    }
    for gateway, pid, _ in psp.captured():
        if (gateway, pid) in held:
            continue
        amount, refunded = psp.amount(gateway, pid), psp.refunded(gateway, pid)
        if refunded < amount:
            co = psp.checkout_of(gateway, pid)
            status = db.checkouts[co].status if co in db.checkouts else "?"
            out.append(
                f"inv2: {gateway} payment {pid} of checkout {co} ({status}) is captured "
                f"({amount}) for no paid order and only {refunded} is refunded at the PSP"
            )
    return out


def inv3_nothing_waits(db: Db, closed: dict[str, str]) -> list[str]:
    """3: every checkout and refund is in a terminal state, every workflow closed.
    ``closed`` maps workflow id -> its execution status name (or 'missing')."""
    out: list[str] = []
    for co in db.checkouts.values():
        order = db.orders[co.order_id]
        if co.status not in TERMINAL_CHECKOUT or order.status not in TERMINAL_ORDER:
            out.append(f"inv3: checkout {co.id} ({co.flow}) left {co.status}, order {order.status}")
    for r in db.refunds:
        if r.status == "pending":
            out.append(f"inv3: refund {r.id} of order {r.order_id} left pending")
    for wf, status in sorted(closed.items()):
        if status == "RUNNING":
            out.append(f"inv3: workflow {wf} is still running")
    return out


def inv4_one_object_per_request(db: Db, psp: PspState) -> list[str]:
    """4: one gateway object per checkout, at most one PSP refund per refund id."""
    out: list[str] = []
    counts = psp.objects_per_checkout()
    for co in db.checkouts.values():
        made = {k: v for k, v in counts.get(co.id, {}).items() if v}
        want = {co.flow: 1} if co.gateway_object_id else {}
        if co.status == "failed" and not co.gateway_object_id:
            want = {}  # the PSP refused: nothing may exist, or the orphan was cancelled
            made = {k: v for k, v in made.items() if v > 1}
        if made != want:
            out.append(
                f"inv4: checkout {co.id} ({co.flow}) has gateway objects {made}, want {want}"
            )
    by_id = psp.refunds_by_refund_id()
    for refund_id, found in by_id.items():
        if len(found) > 1:
            out.append(f"inv4: refund {refund_id} has {len(found)} PSP refunds")
    for r in db.refunds:
        at_psp = by_id.get(r.id, [])
        if r.status == "succeeded" and (len(at_psp) != 1 or at_psp[0]["id"] != r.gateway_refund_id):
            out.append(
                f"inv4: refund {r.id} (order {r.order_id}) succeeded here but the PSP holds "
                f"{[x['id'] for x in at_psp]} (ours: {r.gateway_refund_id})"
            )
    return out


def inv5_discount(db: Db, used_by: set[str]) -> list[str]:
    """5: uses == redemptions holding/consuming a use, <= max_uses; released give back.
    ``used_by`` is every checkout this test created with the code."""
    out: list[str] = []
    live = [r for r in db.redemptions if r.status in ("held", "consumed")]
    if db.code.uses != len(live):
        out.append(f"inv5: code {db.code.code} uses={db.code.uses} but {len(live)} held/consumed")
    if db.code.max_uses is not None and db.code.uses > db.code.max_uses:
        out.append(f"inv5: code {db.code.code} uses={db.code.uses} > max_uses={db.code.max_uses}")
    reds = {r.checkout_id: r for r in db.redemptions}
    for cid in used_by:
        co = db.checkouts.get(cid)
        if co is None:
            continue
        red = reds.get(cid)
        paid = db.orders[co.order_id].status in PAID_ORDER and co.status == "fulfilled"
        want = "consumed" if paid else "released"
        if red is None or red.status != want:
            got = red.status if red else "no redemption"
            out.append(f"inv5: checkout {cid} ({co.status}) holds a {got} use, want {want}")
    return out


def inv6_money_adds_up(db: Db, psp: PspState) -> list[str]:
    """6: gross - discount == net; refunded <= captured; the PSP and we agree on refunds."""
    out: list[str] = []
    for o in db.orders.values():
        who = f"order {o.id} (checkout {o.checkout_id}, {o.status})"
        co = db.checkouts[o.checkout_id]
        if o.subtotal_minor - o.discount_minor != o.total_minor:
            out.append(f"inv6: {who}: {o.subtotal_minor} - {o.discount_minor} != {o.total_minor}")
        if (co.subtotal_minor, co.discount_minor, co.total_minor) != (
            o.subtotal_minor,
            o.discount_minor,
            o.total_minor,
        ):
            out.append(f"inv6: {who}: checkout and order amounts differ")
        if (o.discount_minor > 0) != (o.discount_code is not None):
            out.append(f"inv6: {who}: discount {o.discount_minor} vs code {o.discount_code}")
        if not 0 <= o.refunded_minor <= o.captured_minor:
            out.append(f"inv6: {who}: refunded {o.refunded_minor} > captured {o.captured_minor}")
        done = sum(
            r.amount_minor for r in db.refunds if r.order_id == o.id and r.status == "succeeded"
        )
        if o.refunded_minor != done:
            out.append(
                f"inv6: {who}: refunded_minor {o.refunded_minor} != succeeded refunds {done}"
            )
        pays = [p for p in db.payments if p.order_id == o.id]
        if sum(p.refunded_minor for p in pays) != o.refunded_minor:
            out.append(
                f"inv6: {who}: payments' refunds {[p.refunded_minor for p in pays]} "
                f"!= order's {o.refunded_minor}"
            )
        for p in pays:
            at_psp = psp.refunded(p.gateway, p.gateway_payment_id)
            if at_psp != p.refunded_minor:
                out.append(
                    f"inv6: {who}: payment {p.gateway_payment_id} refunded {p.refunded_minor} "
                    f"here, {at_psp} at the PSP"
                )
            if p.refunded_minor > p.amount_minor:
                out.append(f"inv6: {who}: payment {p.gateway_payment_id} over-refunded")
    return out


def inv7_webhooks(
    made: Counter[tuple[str, str]],
    audited: Counter[tuple[str, str]],
    acked: set[tuple[str, str]],
    event_status: dict[tuple[str, str], str],
) -> list[str]:
    """7: every delivery the PSP got an answer for is in the audit log (as many times),
    and every acknowledged event was handed to its flow (or settled as a no-op)."""
    out: list[str] = []
    for key, n in sorted(made.items()):
        if audited.get(key, 0) != n:
            out.append(
                f"inv7: {key} answered {n}x at the PSP, {audited.get(key, 0)}x in the audit log"
            )
    for key in sorted(acked):
        if event_status.get(key) not in ("handed_over", "no_op"):
            out.append(f"inv7: {key} acknowledged (2xx) but here it is {event_status.get(key)}")
    return out


def summary(db: Db, psp: PspState, extra: dict[str, Any]) -> str:
    statuses = Counter(f"{c.flow}:{c.status}" for c in db.checkouts.values())
    return (
        f"checkouts={dict(statuses)} refunds={Counter(r.status for r in db.refunds)} "
        f"captured_at_psp={len(psp.captured())} code_uses={db.code.uses}/{db.code.max_uses} {extra}"
    )
