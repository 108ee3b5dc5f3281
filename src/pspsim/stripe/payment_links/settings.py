"""A link's `payment_intent_data` and `after_completion` (a redirect needs its url), as
Stripe renders them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pspsim.stripe.errors import invalid
from pspsim.stripe.params import metadata, opt_dict, opt_str

if TYPE_CHECKING:
    pass


def pi_data(raw: dict[str, Any]) -> dict[str, Any] | None:
    if not raw:
        return None
    return {
        "capture_method": opt_str(raw, "capture_method"),
        "description": opt_str(raw, "description"),
        "metadata": metadata(raw),
        "setup_future_usage": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "transfer_group": None,
    }


def after_completion(raw: dict[str, Any]) -> dict[str, Any]:
    if raw.get("type") == "redirect":
        url = opt_dict(raw, "redirect").get("url")
        if not url:
            raise invalid(
                "Missing required param: after_completion[redirect][url].",
                param="after_completion[redirect][url]",
            )
        return {"redirect": {"url": url}, "type": "redirect"}
    return {"hosted_confirmation": {"custom_message": None}, "type": "hosted_confirmation"}
