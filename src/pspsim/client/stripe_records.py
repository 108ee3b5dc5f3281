"""Stripe's records of a client's checkouts: PaymentIntents, Checkout Sessions, Payment
Links (tagged ``metadata.checkout_id``), their refunds, every subscription."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pspsim.client.tags import Obj, tags


def _meta(obj: Obj) -> dict[str, object]:
    return tags(obj, "metadata")


@dataclass
class StripeRecords:
    payments: dict[str, Obj] = field(default_factory=dict)  # PaymentIntents
    sessions: dict[str, Obj] = field(default_factory=dict)
    links: dict[str, Obj] = field(default_factory=dict)
    refunds: list[Obj] = field(default_factory=list)  # of our PaymentIntents
    subscriptions: list[Obj] = field(default_factory=list)

    @classmethod
    def read(cls, objects: list[Obj], checkout_ids: set[str]) -> StripeRecords:
        found = cls()
        kinds = {
            "payment_intent": found.payments,
            "checkout.session": found.sessions,
            "payment_link": found.links,
        }
        for o in objects:
            kind = str(o.get("object"))
            if kind in kinds and _meta(o).get("checkout_id") in checkout_ids:
                kinds[kind][o["id"]] = o
            elif kind == "refund":
                found.refunds.append(o)
            elif kind == "subscription":
                found.subscriptions.append(o)
        found.refunds = [r for r in found.refunds if r.get("payment_intent") in found.payments]
        return found

    def checkout_of(self, payment_id: str) -> str | None:
        found = _meta(self.payments.get(payment_id, {})).get("checkout_id")
        return None if found is None else str(found)

    def captured(self) -> list[tuple[str, Obj]]:
        return [(i, o) for i, o in self.payments.items() if o.get("status") == "succeeded"]

    def refunded(self, payment_id: str) -> int:
        return sum(
            r["amount"]
            for r in self.refunds
            if r.get("payment_intent") == payment_id and r.get("status") == "succeeded"
        )

    def amount(self, payment_id: str) -> int:
        return int(self.payments[payment_id].get("amount_received") or 0)

    def currency(self, payment_id: str) -> str:
        return str(self.payments[payment_id].get("currency", "")).upper()

    def bound_objects(self, payment_id: str) -> set[str]:
        """The PaymentIntent itself, the Session that spawned it, the Link that opened
        the Session."""
        bound = {payment_id}
        for s in self.sessions.values():
            if s.get("payment_intent") == payment_id:
                bound.add(s["id"])
                if s.get("payment_link"):
                    bound.add(str(s["payment_link"]))
        return bound

    def objects_per_checkout(self) -> dict[str, dict[str, int]]:
        """Sessions a Payment Link opened and PaymentIntents a Session spawned are the
        payer's, not the client's: not counted."""
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        spawned = {s.get("payment_intent") for s in self.sessions.values()}
        for pi in self.payments.values():
            if pi["id"] not in spawned:
                counts[str(_meta(pi)["checkout_id"])]["payment_intent"] += 1
        for s in self.sessions.values():
            if not s.get("payment_link"):
                counts[str(_meta(s)["checkout_id"])]["checkout_session"] += 1
        for link in self.links.values():
            counts[str(_meta(link)["checkout_id"])]["payment_link"] += 1
        return counts

    def refunds_by_refund_id(self) -> dict[str, list[Obj]]:
        found: dict[str, list[Obj]] = defaultdict(list)
        for r in self.refunds:
            found[str(_meta(r).get("refund_id"))].append(r)
        return found

    def subscription_tag(self, subscription: Obj) -> str:
        return str(_meta(subscription).get("subscription_id"))
