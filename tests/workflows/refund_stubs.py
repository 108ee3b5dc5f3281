"""Stubs of the refund saga's activities, registered under their real names.

A test says what the PSP answers (``reads``, one per poll, the last repeated) and reads
back what the saga asked for (``calls``), without a PSP or a database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from temporalio import activity

from sagas.activities.refund_models import (
    FailInput,
    PspRead,
    RefundPlan,
    RefundRef,
    Revoked,
    Settled,
)
from sagas.domain.refunds import PspRefund
from tests import factories


class RefundStubs:
    def __init__(self, plan: RefundPlan, created: PspRefund, reads: Sequence[PspRefund]) -> None:
        self.plan, self.created, self.reads = plan, created, list(reads)
        self.calls: list[str] = []
        self.failure: str | None = None

    def activities(self) -> Sequence[Callable[..., Any]]:
        @activity.defn(name="refund.load")
        async def load(ref: RefundRef) -> RefundPlan:
            self.calls.append("load")
            return self.plan

        @activity.defn(name="refund.create_at_psp")
        async def create_at_psp(plan: RefundPlan) -> PspRefund:
            self.calls.append("create_at_psp")
            return self.created

        @activity.defn(name="refund.read_at_psp")
        async def read_at_psp(req: PspRead) -> PspRefund:
            self.calls.append("read_at_psp")
            return self.reads.pop(0) if len(self.reads) > 1 else self.reads[0]

        @activity.defn(name="refund.mark_succeeded")
        async def mark_succeeded(ref: RefundRef) -> Settled:
            self.calls.append("mark_succeeded")
            return Settled(
                refund_id=ref.refund_id,
                status="succeeded",
                order_status="refunded",
                order_refunded_minor=self.plan.amount_minor,
            )

        @activity.defn(name="refund.mark_failed")
        async def mark_failed(req: FailInput) -> Settled:
            self.calls.append("mark_failed")
            self.failure = req.reason
            return Settled(
                refund_id=req.refund_id,
                status="failed",
                order_status="paid",
                order_refunded_minor=0,
            )

        @activity.defn(name="refund.revoke_fulfilment")
        async def revoke_fulfilment(ref: RefundRef) -> Revoked:
            self.calls.append("revoke_fulfilment")
            return Revoked(refund_id=ref.refund_id, revoked=True)

        return [load, create_at_psp, read_at_psp, mark_succeeded, mark_failed, revoke_fulfilment]


def stubs(*reads: PspRefund, **plan: Any) -> RefundStubs:
    return RefundStubs(factories.refund_plan(**plan), factories.psp_refund(), reads)
