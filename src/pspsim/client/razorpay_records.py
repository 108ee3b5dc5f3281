"""Razorpay's records of a client's checkouts: Orders (tagged ``notes.checkout_id``), their
payments and refunds, every subscription."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pspsim.client.tags import Obj, tags


def _notes(obj: Obj) -> dict[str, object]:
    return tags(obj, "notes")


@dataclass
class RazorpayRecords:
    orders: dict[str, Obj] = field(default_factory=dict)
    payments: dict[str, Obj] = field(default_factory=dict)  # of our orders
    refunds: list[Obj] = field(default_factory=list)  # of those payments
    subscriptions: list[Obj] = field(default_factory=list)

    @classmethod
    def read(cls, objects: list[Obj], checkout_ids: set[str]) -> RazorpayRecords:
        found = cls()
        for o in objects:
            if o.get("entity") == "order" and _notes(o).get("checkout_id") in checkout_ids:
                found.orders[o["id"]] = o
            elif o.get("entity") == "subscription":
                found.subscriptions.append(o)
        for o in objects:  # payments and refunds may precede their order in the dump
            if o.get("entity") == "payment" and o.get("order_id") in found.orders:
                found.payments[o["id"]] = o
            elif o.get("entity") == "refund":
                found.refunds.append(o)
        found.refunds = [r for r in found.refunds if r.get("payment_id") in found.payments]
        return found

    def checkout_of(self, payment_id: str) -> str | None:
        payment = self.payments.get(payment_id, {})
        order = self.orders.get(payment.get("order_id") or "", {})
        found = _notes(order).get("checkout_id")
        return None if found is None else str(found)

    def captured(self) -> list[tuple[str, Obj]]:
        return [(i, o) for i, o in self.payments.items() if o.get("captured")]

    def refunded(self, payment_id: str) -> int:
        return sum(
            r["amount"]
            for r in self.refunds
            if r.get("payment_id") == payment_id and r.get("status") == "processed"
        )

    def amount(self, payment_id: str) -> int:
        return int(self.payments[payment_id]["amount"])

    def currency(self, payment_id: str) -> str:
        return str(self.payments[payment_id].get("currency", "")).upper()

    def bound_objects(self, payment_id: str) -> set[str]:
        """The order the payment was made on."""
        return {str(self.payments[payment_id].get("order_id"))}

    def objects_per_checkout(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for order in self.orders.values():
            counts[str(_notes(order)["checkout_id"])]["order"] += 1
        return counts

    def refunds_by_refund_id(self) -> dict[str, list[Obj]]:
        found: dict[str, list[Obj]] = defaultdict(list)
        for r in self.refunds:
            found[str(_notes(r).get("refund_id"))].append(r)
        return found

    def subscription_tag(self, subscription: Obj) -> str:
        return str(_notes(subscription).get("subscription_id"))
