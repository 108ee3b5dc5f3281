"""``POST /v1/subscriptions``: open the row, then start ``subscription-<id>``.

The row (and the customer's one trial) is written in one transaction. For a paid plan
without trial it waits, with update-with-start, until the workflow has created the PSP
subscription, and answers what the payer needs (201), or 502 if the PSP refused (the
subscription is then ``expired``: nothing is left pending). A paid plan whose gateway
has no keys: 503, and nothing is written. The same ``Idempotency-Key`` and body answer
the same subscription (200); another body is 409. Statuses are read from our rows,
which the workflow writes.
"""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.exc import IntegrityError

from api.deps import ServiceOnly, SessionDep, SettingsDep, TemporalDep
from api.errors import ApiError, from_service
from api.openapi.errors import error_responses
from api.routes.subscriptions.params import IdempotencyKey
from api.routes.subscriptions.run import run_saga
from api.schemas.subscriptions import SubscriptionCreate, SubscriptionOut
from api.views.subscriptions import subscription_out
from sagas.db.base import utcnow
from sagas.services.subscriptions.errors import SubscriptionError
from sagas.services.subscriptions.opening import Opened, open_subscription

router = APIRouter(prefix="/v1/subscriptions", tags=["subscriptions"])


@router.post(
    "",
    status_code=201,
    summary="Start a subscription saga (service)",
    responses=error_responses(400, 409, 502, 504),
)
async def create_subscription(
    _: ServiceOnly,
    body: SubscriptionCreate,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> SubscriptionOut:
    """201 with what the payer needs; 200 for a repeated key. If the PSP subscription is
    not ready within the wait: **202** with the subscription as it stands
    (``pending_payment``, no payer details yet) and a ``Location``; its workflow runs on.
    Repeat the POST with the same key, or GET the subscription, for the payer details."""
    if not idempotency_key or not idempotency_key.strip():
        raise ApiError(400, "idempotency_key_required", "the Idempotency-Key header is required")

    async def open_() -> Opened:
        return await open_subscription(
            session,
            settings,
            idempotency_key=idempotency_key,
            customer_id=body.customer_id,
            plan_id=body.plan_id,
            gateway=body.gateway,
            now=utcnow(),
        )

    try:
        opened = await open_()
        await session.commit()
    except SubscriptionError as err:
        await session.rollback()
        raise from_service(err) from err
    except IntegrityError:
        await session.rollback()  # a concurrent request with this key won: answer its row
        try:
            opened = await open_()
        except SubscriptionError as err:
            raise from_service(err) from err
    sub = opened.subscription
    if not await run_saga(session, client, sub, settings):
        response.status_code = 202  # accepted; the payer details are not there yet
        response.headers["Location"] = f"/v1/subscriptions/{sub.id}"
    elif not opened.created:
        response.status_code = 200
    return subscription_out(sub)
