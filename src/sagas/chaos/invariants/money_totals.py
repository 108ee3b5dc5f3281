"""Invariant 6: gross - discount == net, refunded <= captured, the PSP and we agree on refunds."""

from __future__ import annotations

from ..psp import PspState
from ..rows import Db


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
