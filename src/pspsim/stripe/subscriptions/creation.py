"""`POST /v1/subscriptions`: a trial without a card gets a `pending_setup_intent`; with a
default payment method the first invoice is paid at once (unless `default_incomplete`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe.catalog.lookup import get as get_catalog
from pspsim.stripe.confirmation.confirming import confirm_with
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, metadata, opt_bool, opt_str, req_str
from pspsim.stripe.setup_intents.objects import new as new_setup_intent
from pspsim.stripe.subscriptions.items import recurring_prices
from pspsim.stripe.subscriptions.payment_method_check import check_payment_method
from pspsim.stripe.subscriptions.settings import BEHAVIOURS, save_default, trial_end
from pspsim.stripe.subscriptions.starting import new_subscription

if TYPE_CHECKING:
    from pspsim.state import Sim


def create(sim: Sim, params: Params) -> Obj:
    customer_id = req_str(params, "customer")
    get_catalog(sim, "customer", customer_id, "customer")
    prices = recurring_prices(sim, params)
    behaviour = opt_str(params, "payment_behavior") or "allow_incomplete"
    if behaviour not in BEHAVIOURS:
        raise invalid(f"Invalid payment_behavior: {behaviour}", param="payment_behavior")
    trial_end_ = trial_end(sim, params)
    save_default_ = save_default(params)
    opt_bool(params, "off_session")
    pm = opt_str(params, "default_payment_method")
    if pm:
        check_payment_method(sim, pm)
    sub = new_subscription(
        sim, customer_id, prices, metadata(params), trial_end=trial_end_, save_default=save_default_
    )
    if pm:
        sub["default_payment_method"] = pm
    if trial_end_ is not None:
        if not pm:
            si = new_setup_intent(sim, customer=customer_id, meta={}, subscription=sub["id"])
            sub["pending_setup_intent"] = si["id"]
        return sub
    if pm and behaviour != "default_incomplete":
        invoice = sim.store.stripe[sub["latest_invoice"]]
        pi = sim.store.stripe[invoice["_payment_intent"]]
        confirm_with(sim, pi, pm, raise_on_decline=False)
    return sub
