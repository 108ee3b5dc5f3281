"""A dispute's money: one ledger entry for the first withdrawal, one for the first reinstatement."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sagas.db.ids import new_id
from sagas.db.models.disputes import Dispute
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Order
from sagas.domain.disputes import (
    PspDispute,
)


def _ledger(
    session: AsyncSession, row: Dispute, order: Order, psp: PspDispute, changes: list[str]
) -> None:
    if psp.withdrawn_minor > 0 and row.withdrawn_minor == 0:
        row.withdrawn_minor = psp.withdrawn_minor
        session.add(_entry(row, order, "dispute_debit", -psp.withdrawn_minor))
        changes.append("funds_withdrawn")
    if psp.reinstated_minor > 0 and row.reinstated_minor == 0:
        row.reinstated_minor = psp.reinstated_minor
        session.add(_entry(row, order, "dispute_credit", psp.reinstated_minor))
        changes.append("funds_reinstated")


def _entry(row: Dispute, order: Order, kind: str, amount: int) -> LedgerEntry:
    return LedgerEntry(
        id=new_id("led"),
        order_id=order.id,
        kind=kind,
        reference=row.id,
        amount_minor=amount,
        currency=row.currency,
        gateway=row.gateway,
    )
