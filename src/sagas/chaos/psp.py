"""The PSP's own records, read as the PSP holds them (not as our database believes).

Built from the simulator's object dump (``GET /_sim/objects``: every object of both
PSPs, as their APIs render them), narrowed to what the checked checkouts, refunds and
subscriptions made, with the questions the invariants ask: which payments are captured,
what is refunded at the PSP, which objects belong to which checkout. Each PSP's wire
shape is read by its reader in :mod:`pspsim.client.records`; this keys them by gateway.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from pspsim.client.records import PspRecords, fetch_objects, read_records
from pspsim.client.tags import Obj

__all__ = ["PSP_LIVE_SUBSCRIPTION", "PspState", "fetch_objects"]

# A PSP subscription that is charging (or trialling): Stripe and Razorpay statuses.
PSP_LIVE_SUBSCRIPTION = {"active", "trialing", "authenticated", "past_due"}


@dataclass
class PspState:
    checkout_ids: set[str]
    records: dict[str, PspRecords]  # gateway -> its records of our checkouts

    @classmethod
    def build(cls, dump: Mapping[str, list[Obj]], checkout_ids: set[str]) -> PspState:
        return cls(checkout_ids, read_records(dump, checkout_ids))

    # ---- questions -------------------------------------------------------------------

    def has_payment(self, gateway: str, payment_id: str) -> bool:
        return payment_id in self.records[gateway].payments

    def checkout_of(self, gateway: str, payment_id: str) -> str | None:
        return self.records[gateway].checkout_of(payment_id)

    def captured(self) -> list[tuple[str, str, Obj]]:
        """Every settled payment at the PSP for our checkouts: (gateway, id, object)."""
        return [(g, i, o) for g, r in self.records.items() for i, o in r.captured()]

    def refunded(self, gateway: str, payment_id: str) -> int:
        """What the PSP has refunded (settled) of one payment."""
        return self.records[gateway].refunded(payment_id)

    def amount(self, gateway: str, payment_id: str) -> int:
        return self.records[gateway].amount(payment_id)

    def currency(self, gateway: str, payment_id: str) -> str:
        return self.records[gateway].currency(payment_id)

    def bound_object(self, gateway: str, payment_id: str) -> set[str]:
        """The gateway objects a payment is bound to at the PSP (PI itself, its session,
        the link that opened the session; the Razorpay order)."""
        return self.records[gateway].bound_objects(payment_id)

    def objects_per_checkout(self) -> dict[str, dict[str, int]]:
        """Count of gateway objects of each kind a checkout has at the PSP. Sessions a
        Payment Link opened and PIs a Session/Link spawned are the payer's, not ours."""
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for records in self.records.values():
            for checkout_id, kinds in records.objects_per_checkout().items():
                for kind, n in kinds.items():
                    counts[checkout_id][kind] += n
        return counts

    def refunds_by_refund_id(self) -> dict[str, list[Obj]]:
        found: dict[str, list[Obj]] = defaultdict(list)
        for records in self.records.values():
            for refund_id, refunds in records.refunds_by_refund_id().items():
                found[refund_id] += refunds
        return found

    @property
    def subscriptions(self) -> list[tuple[str, Obj]]:
        """Every subscription at the PSP: (gateway, object)."""
        return [(g, o) for g, r in self.records.items() for o in r.subscriptions]

    def subscriptions_per_id(self) -> Counter[str]:
        """How many PSP subscriptions carry each of our subscription ids."""
        return Counter(
            r.subscription_tag(o) for r in self.records.values() for o in r.subscriptions
        )
