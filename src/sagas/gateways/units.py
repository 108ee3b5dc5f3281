"""The gateway-neutral entry point to amounts in a PSP's unit (CONTRACT 11.1).

Each PSP package owns its rules (``stripe/units.py``, ``razorpay/units.py``, pure, no
SDK); this module picks one by gateway name and answers the two questions the product
asks when a product, plan, discount or checkout is made:

- :func:`price_problem`: can some gateway express this amount (a price, a fixed
  discount)? No minimum applies: a cheap item may be bought several at a time; which
  gateway is only known at checkout, where :func:`charge_problem` decides.
- :func:`charge_problem`: can this gateway charge this total? Unit, minimum
  (``amount_too_small``) and maximum.

Importing this never imports an SDK.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Protocol, cast

from sagas.domain.money import Money
from sagas.gateways.razorpay import units as razorpay_units
from sagas.gateways.stripe import units as stripe_units


class GatewayUnits(Protocol):
    def unit_problem(self, amount: int, currency: str) -> str | None: ...
    def minimum(self, currency: str) -> int: ...
    def maximum(self, currency: str) -> int | None: ...


_UNITS: dict[str, ModuleType] = {"stripe": stripe_units, "razorpay": razorpay_units}
GATEWAYS = tuple(_UNITS)


@dataclass(frozen=True)
class AmountRefused:
    """Why a PSP would refuse an amount: ``code`` is stable for API clients."""

    code: str
    reason: str
    gateway: str | None = None
    minimum: int | None = None


def units_of(gateway: str) -> GatewayUnits:
    return cast(GatewayUnits, _UNITS[gateway])


def to_psp(gateway: str, money: Money) -> int:
    """``money`` in the PSP's unit, what its API's ``amount`` takes."""
    if gateway == "stripe":
        return stripe_units.to_stripe(money.amount, money.currency)
    return razorpay_units.to_razorpay(money.amount, money.currency)


def from_psp(gateway: str, amount: int, currency: str) -> Money:
    """An amount a PSP answered, back in ISO minor units."""
    if gateway == "stripe":
        return Money(stripe_units.from_stripe(amount, currency), currency)
    return Money(razorpay_units.from_razorpay(amount, currency), currency)


def price_problem(money: Money, gateways: tuple[str, ...] = GATEWAYS) -> AmountRefused | None:
    """None when at least one of ``gateways`` can express ``money``; else the first reason."""
    refusals = []
    for gateway in gateways:
        reason = units_of(gateway).unit_problem(money.amount, money.currency)
        if reason is None:
            return None
        refusals.append(AmountRefused("amount_not_chargeable", reason, gateway))
    return refusals[0] if refusals else None


def charge_problem(gateway: str, money: Money) -> AmountRefused | None:
    """Why ``gateway`` would refuse to charge ``money`` (a positive total), or None."""
    units = units_of(gateway)
    reason = units.unit_problem(money.amount, money.currency)
    if reason is not None:
        return AmountRefused("amount_not_chargeable", reason, gateway)
    least = units.minimum(money.currency)
    if money.amount < least:
        return AmountRefused(
            "amount_too_small",
            f"{gateway} charges at least {least} minor units of {money.currency}",
            gateway,
            least,
        )
    most = units.maximum(money.currency)
    if most is not None and money.amount > most:
        return AmountRefused(
            "amount_too_large",
            f"{gateway} charges at most {most} minor units of {money.currency}",
            gateway,
        )
    return None
