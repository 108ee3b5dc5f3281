"""How a PSP payment is booked: its ``payments`` row (``captured``, ``authorized`` or
``late``, with the snapshot the gate judged) and the ledger's ``capture`` entry for money
the PSP took."""

from __future__ import annotations

from sagas.db.ids import new_id
from sagas.db.models.ledger import LedgerEntry
from sagas.db.models.orders import Payment
from sagas.domain.settlement import PaymentSnapshot


def payment_row(snap: PaymentSnapshot, *, order_id: str, checkout_id: str, status: str) -> Payment:
    return Payment(
        id=new_id("pay"),
        order_id=order_id,
        checkout_id=checkout_id,
        gateway=snap.gateway,
        gateway_payment_id=snap.payment_id,
        gateway_object_id=snap.gateway_object_id,
        amount_minor=snap.amount_minor,
        currency=snap.currency,
        status=status,
        psp_snapshot=snap.model_dump(mode="json"),
    )


def capture_entry(snap: PaymentSnapshot, *, order_id: str) -> LedgerEntry:
    return LedgerEntry(
        id=new_id("led"),
        order_id=order_id,
        kind="capture",
        reference=snap.payment_id,
        amount_minor=snap.amount_minor,
        currency=snap.currency,
        gateway=snap.gateway,
    )
