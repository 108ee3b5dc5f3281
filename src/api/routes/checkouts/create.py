"""``POST /v1/checkouts``: write the checkout and its pending order, then start the saga.

One transaction writes both, then the workflow starts with update-with-start and the
answer comes only once the gateway object exists (201) or the PSP refused (502, the
workflow has already released everything). ``Idempotency-Key`` is required: the same key
and body answer the same checkout with **200** (its ``client_token`` is not repeated: only
its hash is kept); another body is 409. Two concurrent requests with one key meet on the
unique key and on the workflow id.
"""

from __future__ import annotations

from fastapi import APIRouter, Response
from sqlalchemy.exc import IntegrityError

from api.deps import ServiceOnly, SessionDep, SettingsDep, TemporalDep
from api.errors import ApiError, from_service
from api.openapi.errors import error_responses
from api.routes.checkouts.answer import answer
from api.routes.checkouts.params import IdempotencyKey
from api.routes.checkouts.requests import new_checkout, request_fingerprint
from api.schemas.checkouts import CheckoutCreate, CheckoutOut
from api.views.checkouts import checkout_out
from sagas.db.base import utcnow
from sagas.gateways.registry import is_configured
from sagas.services.checkouts import create
from sagas.services.checkouts.errors import CheckoutError
from sagas.services.checkouts.replays import by_idempotency_key

router = APIRouter(prefix="/v1/checkouts", tags=["checkouts"])


@router.post(
    "",
    status_code=201,
    summary="Start a checkout saga (service)",
    responses=error_responses(400, 409, 502),
)
async def create_checkout(
    _: ServiceOnly,
    body: CheckoutCreate,
    session: SessionDep,
    client: TemporalDep,
    settings: SettingsDep,
    response: Response,
    idempotency_key: IdempotencyKey = None,
) -> CheckoutOut:
    if not idempotency_key or not idempotency_key.strip():
        raise ApiError(400, "idempotency_key_required", "the Idempotency-Key header is required")
    fingerprint = request_fingerprint(body)
    existing = await by_idempotency_key(session, idempotency_key)
    if existing is None:
        if not is_configured(settings, body.gateway):
            raise ApiError(503, "gateway_not_configured", f"{body.gateway} is not configured")
        try:
            created = await create.create_checkout(
                session,
                new_checkout(body),
                idempotency_key=idempotency_key,
                request_fingerprint=fingerprint,
                now=utcnow(),
                default_expires_in_s=settings.checkout_default_expires_in_s,
            )
            await session.commit()
        except CheckoutError as err:
            await session.rollback()
            raise from_service(err) from err
        except IntegrityError:
            await session.rollback()  # a concurrent request with this key won
            existing = await by_idempotency_key(session, idempotency_key)
            if existing is None:
                raise ApiError(409, "conflict", "concurrent request, retry") from None
        else:
            co = await answer(session, client, created.checkout, settings)
            return checkout_out(co, client_token=created.client_token)
    if existing.request_fingerprint != fingerprint:
        raise ApiError(
            409, "idempotency_conflict", "this Idempotency-Key was used with another request body"
        )
    co = await answer(session, client, existing, settings)
    response.status_code = 200
    return checkout_out(co)
