"""A refund whose create answer was lost, retried after the PSP forgot its key.

Stripe keeps an ``Idempotency-Key`` for 24 hours; an operator's retry of a refund that
needed attention can come later. The refund step then finds the refund it already made
among the payment's refunds (our id is in its metadata / notes) instead of making a second
one: the payer is refunded once.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest
from temporalio.testing import ActivityEnvironment

from sagas.activities.refund_models import RefundRef
from sagas.activities.refunds import RefundActivities
from sagas.deps import Deps
from sagas.domain.refunds import RefundRequest
from sagas.gateways.registry import GatewayRegistry
from sagas.services.refunds import open_refund
from tests.refunds.helpers import psp_refunds, refund_row, seed_order, sim_control

pytestmark = pytest.mark.timeout(60)


async def _opened(deps: Deps, sim: Any, gateway: str) -> tuple[Any, str]:
    s = await seed_order(deps, sim, gateway)
    async with deps.sessions() as session, session.begin():
        opened = await open_refund(
            session,
            order_id=s.order_id,
            idempotency_key=f"exp-{secrets.token_hex(4)}",
            amount_minor=1200,
            reason="key expiry test",
            origin="api",
        )
    return s, opened.refund.id


async def _made_with_the_answer_lost(deps: Deps, s: Any, refund_id: str) -> str:
    """What the refund step sent before its answer was lost: the PSP made the refund, we
    never stored its id."""
    refunds = GatewayRegistry(deps.gateways).get(s.gateway).refunds
    made = await refunds.create_refund(
        RefundRequest(
            payment_id=s.psp_payment_id,
            amount_minor=1200,
            refund_id=refund_id,
            order_id=s.order_id,
            currency=s.currency,
        )
    )
    return made.gateway_refund_id


async def test_stripe_retry_after_the_key_expired_refunds_once(deps: Deps, sim: Any) -> None:
    s, refund_id = await _opened(deps, sim, "stripe")
    first = await _made_with_the_answer_lost(deps, s, refund_id)
    expired = await sim_control(sim, "POST", "/stripe/idempotency_keys/expire")
    assert expired["expired"] >= 1

    acts = RefundActivities(deps.sessions, deps.gateways, deps.settings)
    env = ActivityEnvironment()
    plan = await env.run(acts.load, RefundRef(refund_id=refund_id))
    again = await env.run(acts.create_at_psp, plan)

    assert again.gateway_refund_id == first
    assert [r["id"] for r in await psp_refunds(deps, sim, s)] == [first]
    assert (await refund_row(deps, refund_id)).gateway_refund_id == first


@pytest.mark.parametrize("gateway", ["stripe", "razorpay"])
async def test_a_refund_is_found_by_our_id_among_the_payments_refunds(
    deps: Deps, sim: Any, gateway: str
) -> None:
    s, refund_id = await _opened(deps, sim, gateway)
    refunds = GatewayRegistry(deps.gateways).get(gateway).refunds
    assert await refunds.find_refund(s.psp_payment_id, refund_id) is None
    first = await _made_with_the_answer_lost(deps, s, refund_id)
    found = await refunds.find_refund(s.psp_payment_id, refund_id)
    assert found is not None and found.gateway_refund_id == first
    assert found.refund_id == refund_id and found.amount_minor == 1200
