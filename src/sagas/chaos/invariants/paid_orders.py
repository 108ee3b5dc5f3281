"""Invariant 1: no order paid without a settled PSP payment bound to its checkout's object.

Each check answers violations as sentences naming the checkout (or refund, or delivery)
that broke the invariant, so a failing run says what to look at, not just "False"."""

from __future__ import annotations

from ..psp import PspState
from ..rows import PAID_ORDER, Db


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
            if order.status in PAID_ORDER - {"refunded"}:
                out.append(
                    f"inv1: order {order.id} is {order.status} though its checkout {co.id} "
                    f"is {co.status} (never paid)"
                )
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
        if not psp.has_payment(co.gateway, pid):
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
