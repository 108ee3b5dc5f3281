"""The simulator's own state, read as the PSP holds it (not as our database believes).

A snapshot of the in-process stores (``SimHandle.sim``: the same objects the SDKs read),
narrowed to what this test's checkouts made, with the questions the invariants ask:
which payments are captured, what is refunded at the PSP, which objects belong to which
checkout.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]


def _copy(store: dict[str, Obj]) -> list[Obj]:
    for _ in range(20):  # the sim's loop may be mid-update; a dict copy is atomic, retry
        try:
            return [copy.deepcopy(o) for o in list(store.copy().values())]
        except RuntimeError:
            continue
    raise AssertionError("could not snapshot the simulator's store")


def _meta(obj: Obj, key: str = "metadata") -> dict[str, Any]:
    meta = obj.get(key)
    return meta if isinstance(meta, dict) else {}


@dataclass
class PspState:
    checkout_ids: set[str]
    intents: dict[str, Obj] = field(default_factory=dict)  # pi id -> PI (ours)
    sessions: dict[str, Obj] = field(default_factory=dict)
    links: dict[str, Obj] = field(default_factory=dict)
    rzp_orders: dict[str, Obj] = field(default_factory=dict)
    rzp_payments: dict[str, Obj] = field(default_factory=dict)  # of our orders
    stripe_refunds: list[Obj] = field(default_factory=list)
    rzp_refunds: list[Obj] = field(default_factory=list)

    @classmethod
    def read(cls, sim: Any, checkout_ids: set[str]) -> PspState:
        state = cls(checkout_ids)
        stripe, razorpay = _copy(sim.sim.store.stripe), _copy(sim.sim.store.razorpay)
        for o in stripe:
            ours = _meta(o).get("checkout_id") in checkout_ids
            kind = o.get("object")
            if kind == "payment_intent" and ours:
                state.intents[o["id"]] = o
            elif kind == "checkout.session" and ours:
                state.sessions[o["id"]] = o
            elif kind == "payment_link" and ours:
                state.links[o["id"]] = o
            elif kind == "refund":
                state.stripe_refunds.append(o)
        for o in razorpay:
            if o.get("entity") == "order" and _meta(o, "notes").get("checkout_id") in checkout_ids:
                state.rzp_orders[o["id"]] = o
        for o in razorpay:
            if o.get("entity") == "payment" and o.get("order_id") in state.rzp_orders:
                state.rzp_payments[o["id"]] = o
            elif o.get("entity") == "refund":
                state.rzp_refunds.append(o)
        state.stripe_refunds = [
            r for r in state.stripe_refunds if r.get("payment_intent") in state.intents
        ]
        state.rzp_refunds = [
            r for r in state.rzp_refunds if r.get("payment_id") in state.rzp_payments
        ]
        return state

    # ---- questions -------------------------------------------------------------------

    def checkout_of(self, gateway: str, payment_id: str) -> str | None:
        if gateway == "stripe":
            return _meta(self.intents.get(payment_id, {})).get("checkout_id")
        payment = self.rzp_payments.get(payment_id, {})
        order = self.rzp_orders.get(payment.get("order_id") or "", {})
        return _meta(order, "notes").get("checkout_id")

    def captured(self) -> list[tuple[str, str, Obj]]:
        """Every settled payment at the PSP for our checkouts: (gateway, id, object)."""
        found = [
            ("stripe", i, o) for i, o in self.intents.items() if o.get("status") == "succeeded"
        ]
        found += [("razorpay", i, o) for i, o in self.rzp_payments.items() if o.get("captured")]
        return found

    def refunded(self, gateway: str, payment_id: str) -> int:
        """What the PSP has refunded (settled) of one payment."""
        if gateway == "stripe":
            return sum(
                r["amount"]
                for r in self.stripe_refunds
                if r.get("payment_intent") == payment_id and r.get("status") == "succeeded"
            )
        return sum(
            r["amount"]
            for r in self.rzp_refunds
            if r.get("payment_id") == payment_id and r.get("status") == "processed"
        )

    def amount(self, gateway: str, payment_id: str) -> int:
        if gateway == "stripe":
            return int(self.intents[payment_id].get("amount_received") or 0)
        return int(self.rzp_payments[payment_id]["amount"])

    def currency(self, gateway: str, payment_id: str) -> str:
        obj = self.intents[payment_id] if gateway == "stripe" else self.rzp_payments[payment_id]
        return str(obj.get("currency", "")).upper()

    def bound_object(self, gateway: str, payment_id: str) -> set[str]:
        """The gateway objects a payment is bound to at the PSP (PI itself, its session,
        the link that opened the session; the Razorpay order)."""
        if gateway == "razorpay":
            return {str(self.rzp_payments[payment_id].get("order_id"))}
        bound = {payment_id}
        for s in self.sessions.values():
            if s.get("payment_intent") == payment_id:
                bound.add(s["id"])
                if s.get("payment_link"):
                    bound.add(str(s["payment_link"]))
        return bound

    def objects_per_checkout(self) -> dict[str, dict[str, int]]:
        """Count of gateway objects of each kind a checkout has at the PSP. Sessions a
        Payment Link opened and PIs a Session/Link spawned are the payer's, not ours."""
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        spawned = {s.get("payment_intent") for s in self.sessions.values()}
        for pi in self.intents.values():
            if pi["id"] not in spawned:
                counts[_meta(pi)["checkout_id"]]["payment_intent"] += 1
        for s in self.sessions.values():
            if not s.get("payment_link"):
                counts[_meta(s)["checkout_id"]]["checkout_session"] += 1
        for link in self.links.values():
            counts[_meta(link)["checkout_id"]]["payment_link"] += 1
        for order in self.rzp_orders.values():
            counts[_meta(order, "notes")["checkout_id"]]["order"] += 1
        return counts

    def refunds_by_refund_id(self) -> dict[str, list[Obj]]:
        found: dict[str, list[Obj]] = defaultdict(list)
        for r in self.stripe_refunds:
            found[str(_meta(r).get("refund_id"))].append(r)
        for r in self.rzp_refunds:
            found[str(_meta(r, "notes").get("refund_id"))].append(r)
        return found
