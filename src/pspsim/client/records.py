"""The PSPs' own records as the simulator holds them, read back over ``GET /_sim/objects``.

One reader per PSP (:mod:`.stripe_records`, :mod:`.razorpay_records`), narrowed to the
objects a client tagged with its checkout ids (``checkout_id`` in Stripe's metadata,
Razorpay's notes), answering the same questions of either: which payments settled, what
is refunded, which objects a payment is bound to. :data:`READERS` holds them by gateway.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

import httpx

from pspsim.client.razorpay_records import RazorpayRecords
from pspsim.client.stripe_records import StripeRecords
from pspsim.client.tags import Obj


class PspRecords(Protocol):
    """One PSP's records of a client's checkouts."""

    #: payment id -> payment (a Stripe PaymentIntent, a Razorpay payment) of our checkouts
    payments: dict[str, Obj]
    #: every subscription the PSP holds
    subscriptions: list[Obj]

    def checkout_of(self, payment_id: str) -> str | None: ...

    def captured(self) -> list[tuple[str, Obj]]:
        """Every settled payment: (id, object)."""
        ...

    def refunded(self, payment_id: str) -> int:
        """What the PSP has refunded (settled) of one payment."""
        ...

    def amount(self, payment_id: str) -> int: ...

    def currency(self, payment_id: str) -> str:
        """Upper case."""
        ...

    def bound_objects(self, payment_id: str) -> set[str]:
        """The checkout objects the payment is bound to at the PSP."""
        ...

    def objects_per_checkout(self) -> dict[str, dict[str, int]]:
        """Count of root objects of each kind per checkout."""
        ...

    def refunds_by_refund_id(self) -> dict[str, list[Obj]]: ...

    def subscription_tag(self, subscription: Obj) -> str:
        """The client's subscription id the PSP subscription carries ("None": none)."""
        ...


READERS: dict[str, Callable[[list[Obj], set[str]], PspRecords]] = {
    "stripe": StripeRecords.read,
    "razorpay": RazorpayRecords.read,
}


async def fetch_objects(sim_url: str, *, since: int = 0) -> dict[str, list[Obj]]:
    """Every object the simulator holds (created at or after ``since``), by gateway."""
    async with httpx.AsyncClient(base_url=sim_url, timeout=120) as sim:
        resp = await sim.get("/_sim/objects", params={"created_gte": since})
        resp.raise_for_status()
        body: dict[str, Any] = resp.json()
    return {gateway: list(body[gateway]) for gateway in READERS}


def read_records(dump: Mapping[str, list[Obj]], checkout_ids: set[str]) -> dict[str, PspRecords]:
    """Each PSP's records of ``checkout_ids``, in :data:`READERS` order."""
    return {gateway: read(dump[gateway], checkout_ids) for gateway, read in READERS.items()}
