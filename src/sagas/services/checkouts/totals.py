"""Whether a checkout's total is one its gateway can charge."""

from __future__ import annotations

from sagas.domain.money import Money
from sagas.gateways import units
from sagas.services.checkouts.errors import CheckoutError


def check_total(gateway: str, total: Money) -> None:
    """A positive total the gateway would refuse is a 422 now, never a failure at the PSP
    later (``amount_too_small`` under its minimum, CONTRACT 11.1). A 0 total is free."""
    if total.amount == 0:
        return
    problem = units.charge_problem(gateway, total)
    if problem is not None:
        details = {"gateway": gateway, "reason": problem.reason, "total": total.amount}
        if problem.minimum is not None:
            details["minimum"] = problem.minimum
        raise CheckoutError(422, problem.code, problem.reason, details)
