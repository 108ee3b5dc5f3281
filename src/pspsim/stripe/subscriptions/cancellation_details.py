"""The update's `cancellation_details`: a free `comment` and one of Stripe's `feedback`
values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_dict

if TYPE_CHECKING:
    pass


FEEDBACK = {
    "customer_service",
    "low_quality",
    "missing_features",
    "other",
    "switched_service",
    "too_complex",
    "too_expensive",
    "unused",
}


def checked_details(params: Params) -> dict[str, Any]:
    details = opt_dict(params, "cancellation_details")
    for key, value in details.items():
        if key not in ("comment", "feedback"):
            raise invalid(
                f"Received unknown parameter: cancellation_details[{key}]",
                param=f"cancellation_details[{key}]",
                code="parameter_unknown",
            )
        if key == "feedback" and value not in FEEDBACK and value != "":
            raise invalid(
                f"Invalid cancellation_details[feedback]: must be one of {sorted(FEEDBACK)}",
                param="cancellation_details[feedback]",
            )
    return details
