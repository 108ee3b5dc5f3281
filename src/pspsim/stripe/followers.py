"""How an object tells the one that owns it what happened, without importing its owner.

Imports run one way: an owner (a Checkout Session, an invoice, a subscription) imports
what it owns and, when its module loads, registers here how it follows it; the owned
object (a PaymentIntent, an invoice) calls the hook. A PaymentIntent naming an owner
whose module never registered is a wiring bug, raised rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pspsim.store import Obj

if TYPE_CHECKING:
    from pspsim.state import Sim

PaymentFollower = Callable[["Sim", Obj], None]

#: The PaymentIntent fields that name its owner, in the order owners are told.
PAYMENT_OWNER_FIELDS = ("_checkout_session", "_invoice")
_payment_followers: dict[str, PaymentFollower] = {}


@dataclass(frozen=True)
class InvoiceFollower:
    """How a subscription follows its invoices: paid or failed, the method that paid,
    the last retry gone."""

    on_invoice: Callable[[Sim, Obj, bool], None]
    save_default_method: Callable[[Sim, Obj, str], None]
    end_unpaid: Callable[[Sim, str], None]


_invoice_follower: list[InvoiceFollower] = []


def follow_payments(owner_field: str, follower: PaymentFollower) -> None:
    """Register how the owner named by ``owner_field`` follows its PaymentIntents."""
    if owner_field not in PAYMENT_OWNER_FIELDS:
        raise ValueError(f"{owner_field} is not a PaymentIntent owner field")
    _payment_followers[owner_field] = follower


def notify_payment_owner(sim: Sim, pi: Obj) -> None:
    """Let the Checkout Session or invoice that owns ``pi`` follow its outcome."""
    for owner_field in PAYMENT_OWNER_FIELDS:
        if pi.get(owner_field):
            follower = _payment_followers.get(owner_field)
            if follower is None:
                raise RuntimeError(f"no follower registered for {owner_field}")
            follower(sim, pi)


def follow_invoices(follower: InvoiceFollower) -> None:
    """Register how subscriptions follow their invoices (one follower)."""
    _invoice_follower[:] = [follower]


def invoice_follower() -> InvoiceFollower:
    if not _invoice_follower:
        raise RuntimeError("no follower registered for subscription invoices")
    return _invoice_follower[0]
