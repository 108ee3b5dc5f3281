"""With `payment_settings.save_default_payment_method=on_subscription` (and always for
Checkout) the method that pays an invoice becomes the subscription's default, which is
what every later renewal charges.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events

if TYPE_CHECKING:
    from pspsim.state import Sim


def save_default_method(sim: Sim, sub: Obj, pm: str) -> None:
    """The first payment's method becomes the default when the subscription asks for it."""
    if sub["payment_settings"]["save_default_payment_method"] != "on_subscription":
        return
    if sub["default_payment_method"] == pm:
        return
    previous = {"default_payment_method": sub["default_payment_method"]}
    sub["default_payment_method"] = pm
    events.emit(sim, "customer.subscription.updated", sub, previous)
