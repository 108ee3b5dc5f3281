"""A failed renewal is retried on `SimConfig.stripe_invoice_retry_days` (days after the
first failure); when the last retry fails the subscription is canceled, Stripe's "cancel
the subscription" setting for failed payments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pspsim.store import Obj
from pspsim.stripe import events, followers
from pspsim.stripe.invoices.lookup import subscription_id

if TYPE_CHECKING:
    from pspsim.state import Sim


def failed(sim: Sim, invoice: Obj, event_type: str) -> None:
    """An attempt failed or needs the payer: schedule Stripe's next retry of a renewal
    (none for a subscription's first invoice), or cancel after the last one."""
    ts = sim.clock.now()
    invoice["attempted"] = True
    invoice["attempt_count"] += 1
    retry_at = None
    if invoice["billing_reason"] == "subscription_cycle":
        first = invoice["_first_failed_at"] or ts
        invoice["_first_failed_at"] = first
        schedule = sim.config.stripe_invoice_retry_days
        retries_done = invoice["attempt_count"] - 1
        if retries_done < len(schedule):
            retry_at = first + sim.clock.days(schedule[retries_done])
    invoice["next_payment_attempt"] = retry_at
    invoice["_retry_at"] = retry_at
    events.emit(sim, event_type, invoice)
    followers.invoice_follower().on_invoice(sim, invoice, False)
    if invoice["billing_reason"] == "subscription_cycle" and retry_at is None:
        followers.invoice_follower().end_unpaid(sim, subscription_id(invoice))
