"""The balance transactions a dispute writes: the withdrawal when opened, the
reinstatement when won; each carries Stripe's dispute fee."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.disputes.terms import DISPUTE_FEE

if TYPE_CHECKING:
    from pspsim.state import Sim


def balance_transaction(sim: Sim, dispute: Obj, sign: int) -> Obj:
    """The balance transaction Stripe writes when it withdraws (-) or reinstates (+)."""
    fee = DISPUTE_FEE if sign < 0 else -DISPUTE_FEE
    amount = sign * dispute["amount"]
    return {
        "id": sim.ids.stripe("txn"),
        "object": "balance_transaction",
        "amount": amount,
        "available_on": sim.clock.now(),
        "created": sim.clock.now(),
        "currency": dispute["currency"],
        "description": f"Chargeback {'withdrawal' if sign < 0 else 'reversal'} for "
        f"{dispute['charge']}",
        "exchange_rate": None,
        "fee": fee,
        "fee_details": [
            {
                "amount": fee,
                "application": None,
                "currency": dispute["currency"],
                "description": "Dispute fee",
                "type": "stripe_fee",
            }
        ],
        "net": amount - fee,
        "reporting_category": "dispute" if sign < 0 else "dispute_reversal",
        "source": dispute["id"],
        "status": "available",
        "type": "adjustment",
    }
