"""What every Stripe endpoint does around its handler: auth, form decoding (body for
POST, query for GET/DELETE), unknown-parameter checks, Idempotency-Key replay on POST,
`expand[]` and Stripe's error bodies."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from pspsim.stripe import idempotency
from pspsim.stripe.api.auth import checked_api_key
from pspsim.stripe.api.responses import json_response
from pspsim.stripe.context import RequestInfo, current_request
from pspsim.stripe.errors import StripeError
from pspsim.stripe.forms import decode
from pspsim.stripe.params import check_known
from pspsim.stripe.render import expand

if TYPE_CHECKING:
    from pspsim.state import Sim


log = logging.getLogger("pspsim.stripe")


Handler = Callable[["Sim", dict[str, Any]], dict[str, Any]]


async def run(
    request: Request,
    handler: Handler,
    *,
    allowed: set[str] | None = None,
) -> Response:
    """Serve one Stripe API call through `handler(sim, params) -> stored object`."""
    sim: Sim = request.app.state.sim
    request_id = "req_" + sim.ids.token(14)
    try:
        api_key = checked_api_key(request, sim)
        raw = (await request.body()).decode() if request.method == "POST" else ""
        params = decode(raw or request.url.query)
    except StripeError as err:
        return json_response(err.status, err.body(), request_id)
    paths = [p for p in params.pop("expand", []) if isinstance(p, str)]
    key = request.headers.get("idempotency-key") if request.method == "POST" else None
    print_ = idempotency.fingerprint(request.method, request.url.path, params)
    try:
        if key:
            replay = idempotency.lookup(sim, api_key, key, print_)
            if replay is not None:
                status, body = replay
                return json_response(status, body, request_id, **{"Idempotent-Replayed": "true"})
        if allowed is not None:
            check_known(params, allowed)
        token = current_request.set(RequestInfo(request_id, key))
        try:
            obj = handler(sim, params)
        except (KeyError, TypeError, ValueError, AttributeError):
            # A simulator bug or an input shape we did not foresee: answer as Stripe's
            # 500 would, so the SDK raises APIError instead of choking on plain text.
            log.exception("stripe handler failed")
            raise StripeError(500, "api_error", "An unknown error occurred") from None
        finally:
            current_request.reset(token)
    except StripeError as err:
        body = err.body()
        if key and err.saved:
            idempotency.save(sim, api_key, key, print_, err.status, body)
        return json_response(err.status, body, request_id)
    body = expand(obj, paths, sim.store.stripe)
    if key:
        idempotency.save(sim, api_key, key, print_, 200, body)
    return json_response(200, body, request_id)
