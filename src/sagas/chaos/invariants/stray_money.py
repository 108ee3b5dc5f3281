"""Invariant 2: every captured PSP payment is a paid order's payment or fully refunded."""

from __future__ import annotations

from ..psp import PspState
from ..rows import PAID_ORDER, Db


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
