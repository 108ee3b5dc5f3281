"""Finding an invoice by id, and the subscription it bills (under
`parent.subscription_details`: today's API has no `invoice.subscription`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.errors import no_such

if TYPE_CHECKING:
    from pspsim.state import Sim


def get(sim: Sim, invoice_id: str, param: str = "invoice") -> Obj:
    invoice = sim.store.stripe.get(invoice_id)
    if invoice is None or invoice.get("object") != "invoice":
        raise no_such("invoice", invoice_id, param)
    return invoice


def subscription_id(invoice: Obj) -> str:
    return str(invoice["parent"]["subscription_details"]["subscription"])
