"""Dispute test helpers: open and decide disputes at the simulator as the bank would, and
wait on our records (every wait bounded)."""

from __future__ import annotations

from typing import Any, Protocol

import httpx
import stripe
from sqlalchemy import select
from temporalio.client import Client

from sagas.db.models.disputes import Dispute
from sagas.deps import Deps
from sagas.temporal import search_attributes as sa
from sagas.workflows.dispute.messages.state import DisputeState
from tests.refunds.helpers import Seeded, seed_order, sim_control
from tests.support.net import eventually


class PaidAtPsp(Protocol):
    """A payment at the simulator (a seeded order's, or one the product never booked)."""

    @property
    def gateway(self) -> str: ...

    @property
    def psp_payment_id(self) -> str: ...


async def seeded(deps: Deps, sim: Any, gateway: str, **kwargs: Any) -> Seeded:
    """:func:`seed_order`, retrying a connection the simulator closed while it sat idle in
    the SDK's pool (test set-up only: the product's PSP calls are retried activities)."""
    for _ in range(2):
        try:
            return await seed_order(deps, sim, gateway, **kwargs)
        except stripe.APIConnectionError:
            continue
    return await seed_order(deps, sim, gateway, **kwargs)


async def open_dispute(sim: Any, s: PaidAtPsp, **body: Any) -> dict[str, Any]:
    """The cardholder's bank disputes the payment (Stripe PaymentIntent / Razorpay payment)."""
    if s.gateway == "stripe":
        path = f"/stripe/payment_intents/{s.psp_payment_id}/dispute"
    else:
        path = f"/razorpay/payments/{s.psp_payment_id}/dispute"
    answer: dict[str, Any] = await sim_control(sim, "POST", path, body)
    return answer


async def decide(sim: Any, gateway: str, psp_dispute_id: str, status: str) -> dict[str, Any]:
    answer: dict[str, Any] = await sim_control(
        sim, "POST", f"/{gateway}/disputes/{psp_dispute_id}/close", {"status": status}
    )
    return answer


async def dispute_row(deps: Deps, gateway: str, psp_dispute_id: str) -> Dispute | None:
    async with deps.sessions() as session:
        found: Dispute | None = await session.scalar(
            select(Dispute).where(
                Dispute.gateway == gateway, Dispute.gateway_dispute_id == psp_dispute_id
            )
        )
        return found


async def wait_dispute(
    deps: Deps, gateway: str, psp_dispute_id: str, status: str, timeout: float = 30.0
) -> Dispute:
    async def probe() -> Dispute | None:
        row = await dispute_row(deps, gateway, psp_dispute_id)
        return row if row is not None and row.status == status else None

    found: Dispute = await eventually(
        probe, timeout=timeout, interval=0.2, message=f"dispute {psp_dispute_id} {status}"
    )
    return found


async def saga_state(client: Client, workflow_id: str) -> DisputeState:
    state: DisputeState = await client.get_workflow_handle(workflow_id).query(
        "state", result_type=DisputeState
    )
    return state


async def needs_attention(client: Client, workflow_id: str) -> bool | None:
    desc = await client.get_workflow_handle(workflow_id).describe()
    return desc.typed_search_attributes.get(sa.NEEDS_ATTENTION)


async def wait_attention(client: Client, workflow_id: str, wanted: bool) -> None:
    async def probe() -> bool:
        return await needs_attention(client, workflow_id) is wanted

    await eventually(probe, timeout=45, interval=0.2, message=f"NeedsAttention={wanted}")


async def post_evidence(
    api: httpx.AsyncClient, dispute_id: str, headers: dict[str, str], **body: Any
) -> httpx.Response:
    payload = {"text": "Delivered on 2 Nov, signed for by the customer.", "submit": True, **body}
    return await api.post(f"/v1/disputes/{dispute_id}/evidence", json=payload, headers=headers)
