"""The check that a price or fixed discount is an amount some gateway can charge."""

from __future__ import annotations

from sagas.domain.money import Money
from sagas.gateways import units
from sagas.services.catalogue.errors import AmountNotChargeable


def check_chargeable(money: Money, field: str) -> None:
    """Refuse, when it is made, an amount no gateway can express (CONTRACT 11.1)."""
    problem = units.price_problem(money)
    if problem is not None:
        raise AmountNotChargeable(
            f"{field}: {problem.reason}", {"field": field, "reason": problem.reason}
        )
