"""`POST /v1/setup_intents/{id}/confirm`: with the given card or the one it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.params import Params, opt_str
from pspsim.stripe.setup_intents.card_attempt import confirm_with
from pspsim.stripe.setup_intents.lookup import get

if TYPE_CHECKING:
    from pspsim.state import Sim


def confirm(sim: Sim, si_id: str, params: Params) -> Obj:
    si = get(sim, si_id)
    if "return_url" in params:
        si["_return_url"] = opt_str(params, "return_url")
    pm = opt_str(params, "payment_method") or si["payment_method"]
    return confirm_with(sim, si, pm, raise_on_error=True)
