"""How much a refund is for: what is left on the charge unless `amount` says less, in
whole units of the currency and never beyond what is left."""

from __future__ import annotations

from pspsim.store import Obj
from pspsim.stripe import amounts
from pspsim.stripe.charges.lookup import refundable
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_int


def _money(amount: int, currency: str) -> str:
    return f"{amount / 100:.2f} {currency}"


def refund_amount(params: Params, charge: Obj) -> int:
    left = refundable(charge)
    if left <= 0:
        raise invalid(
            f"Charge {charge['id']} has already been refunded.", code="charge_already_refunded"
        )
    amount = opt_int(params, "amount")
    amount = left if amount is None else amount
    if amount <= 0:
        raise invalid("Refund amount must be positive.", param="amount")
    amounts.check_unit(amount, charge["currency"])
    if amount > left:
        raise invalid(
            f"Refund amount ({_money(amount, charge['currency'])}) is greater than unrefunded "
            f"amount on charge ({_money(left, charge['currency'])})",
            param="amount",
            code="amount_too_large",
        )
    return amount
