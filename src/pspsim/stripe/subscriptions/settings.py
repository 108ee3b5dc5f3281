"""The create call's payment behaviour, trial and `save_default_payment_method`, checked
as Stripe checks them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_dict, opt_int

if TYPE_CHECKING:
    from pspsim.state import Sim

BEHAVIOURS = (
    "default_incomplete",
    "allow_incomplete",
    "error_if_incomplete",
    "pending_if_incomplete",
)


def trial_end(sim: Sim, params: Params) -> int | None:
    days = opt_int(params, "trial_period_days")
    end = params.get("trial_end")
    if days is not None and end is not None:
        raise invalid("You may not pass both trial_end and trial_period_days.", param="trial_end")
    if days is not None:
        if not 0 <= days <= 730:
            raise invalid("trial_period_days must be between 0 and 730.", param="trial_period_days")
        return sim.clock.now() + sim.clock.days(days) if days else None
    if end is None or end == "now":
        return None
    value = opt_int(params, "trial_end")
    if value is None or value <= sim.clock.now():
        raise invalid(
            "Invalid timestamp: must be an integer Unix timestamp in the future.", param="trial_end"
        )
    return value


def save_default(params: Params) -> str:
    settings = opt_dict(params, "payment_settings")
    value = settings.get("save_default_payment_method") or "off"
    if value not in ("off", "on_subscription"):
        raise invalid(
            f"Invalid payment_settings[save_default_payment_method]: {value}",
            param="payment_settings[save_default_payment_method]",
        )
    return str(value)
