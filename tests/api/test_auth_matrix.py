"""The auth matrix: every route of the app, present and future, declares who may call it.

``POLICY`` maps (method, path template with ``{}`` for each parameter) to ``PUBLIC``,
``SIGNATURE`` (PSP webhooks: 400 without a signature, never 401) or the set of callers
that may use it (``admin``, ``service``, ``client_token`` — a checkout's own token).
The routes are enumerated from ``create_app``: a route missing from ``POLICY`` fails
``test_every_route_declares_its_policy``, so a new route cannot ship without a decision.

For each protected route: no key → 401, wrong key → 401, a role it does not list → 403
(checked on a server without PSPs: credentials are refused before any handler runs, and
before the body is parsed, so even a malformed body gets 401). With the right role the
request reaches the handler for real (shared ``api`` server with simulator and worker)
and gets anything but 401/403/500. Routes that take a ``client_token`` are exercised
against a real checkout created through the API.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi import routing as fastapi_routing
from starlette.routing import BaseRoute

from api.app import create_app
from sagas.settings import Settings
from tests.api.helpers import make_product
from tests.conftest import ADMIN_KEY, SERVICE, SERVICE_KEY

PUBLIC = "public"
SIGNATURE = "signature"
ADMIN_ROLE, SERVICE_ROLE, CLIENT_TOKEN = "admin", "service", "client_token"
Policy = str | frozenset[str]


def _roles(*names: str) -> frozenset[str]:
    return frozenset(names)


POLICY: dict[tuple[str, str], Policy] = {
    # framework and probes
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
    ("GET", "/docs/oauth2-redirect"): PUBLIC,
    ("GET", "/redoc"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/metrics"): PUBLIC,  # counts only (CONTRACT section 15)
    # catalogue
    ("POST", "/v1/products"): _roles(ADMIN_ROLE),
    ("PATCH", "/v1/products/{}"): _roles(ADMIN_ROLE),
    ("GET", "/v1/products"): PUBLIC,
    ("GET", "/v1/products/{}"): PUBLIC,
    ("POST", "/v1/discount-codes"): _roles(ADMIN_ROLE),
    ("POST", "/v1/discount-codes/validate"): PUBLIC,
    # checkouts
    ("POST", "/v1/checkouts"): _roles(SERVICE_ROLE),
    ("GET", "/v1/checkouts/{}"): _roles(SERVICE_ROLE, ADMIN_ROLE, CLIENT_TOKEN),
    ("POST", "/v1/checkouts/{}/cancel"): _roles(SERVICE_ROLE),
    ("POST", "/v1/checkouts/{}/razorpay/verify"): _roles(CLIENT_TOKEN),
    # orders and refunds
    ("GET", "/v1/orders"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("POST", "/v1/orders/{}/fulfil"): _roles(SERVICE_ROLE),
    ("GET", "/v1/orders/{}"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("POST", "/v1/orders/{}/refunds"): _roles(SERVICE_ROLE),
    ("POST", "/v1/orders/{}/capture"): _roles(SERVICE_ROLE),
    ("POST", "/v1/orders/{}/void"): _roles(SERVICE_ROLE),
    ("GET", "/v1/refunds/{}"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    # disputes
    ("GET", "/v1/disputes"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("GET", "/v1/disputes/{}"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("POST", "/v1/disputes/{}/evidence"): _roles(SERVICE_ROLE),
    ("POST", "/v1/disputes/{}/accept"): _roles(SERVICE_ROLE),
    # plans, subscriptions, entitlements
    ("POST", "/v1/plans"): _roles(ADMIN_ROLE),
    ("POST", "/v1/subscriptions"): _roles(SERVICE_ROLE),
    ("GET", "/v1/subscriptions/{}"): _roles(SERVICE_ROLE),
    ("POST", "/v1/subscriptions/{}/cancel"): _roles(SERVICE_ROLE),
    ("GET", "/v1/customers/{}/entitlements"): _roles(SERVICE_ROLE),
    # webhooks and operator tools
    ("POST", "/webhooks/stripe"): SIGNATURE,
    ("POST", "/webhooks/razorpay"): SIGNATURE,
    ("GET", "/v1/admin/webhook-events"): _roles(ADMIN_ROLE),
    ("GET", "/v1/admin/webhook-events/{}"): _roles(ADMIN_ROLE),
    ("POST", "/v1/admin/webhook-events/{}/replay"): _roles(ADMIN_ROLE),
    ("POST", "/v1/admin/reconcile"): _roles(ADMIN_ROLE),
    # merchant events, webhook endpoints, service lists (CONTRACT section 10)
    ("GET", "/v1/events"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("GET", "/v1/events/{}"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("POST", "/v1/events/{}/redeliver"): _roles(ADMIN_ROLE),
    ("POST", "/v1/webhook-endpoints"): _roles(ADMIN_ROLE),
    ("GET", "/v1/webhook-endpoints"): _roles(ADMIN_ROLE),
    ("GET", "/v1/webhook-endpoints/{}"): _roles(ADMIN_ROLE),
    ("PATCH", "/v1/webhook-endpoints/{}"): _roles(ADMIN_ROLE),
    ("DELETE", "/v1/webhook-endpoints/{}"): _roles(ADMIN_ROLE),
    ("POST", "/v1/webhook-endpoints/{}/rotate-secret"): _roles(ADMIN_ROLE),
    ("GET", "/v1/webhook-endpoints/{}/deliveries"): _roles(ADMIN_ROLE),
    ("GET", "/v1/checkouts"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("GET", "/v1/refunds"): _roles(SERVICE_ROLE, ADMIN_ROLE),
    ("GET", "/v1/subscriptions"): _roles(SERVICE_ROLE, ADMIN_ROLE),
}

KEYS = {ADMIN_ROLE: ADMIN_KEY, SERVICE_ROLE: SERVICE_KEY}
_PARAM = re.compile(r"\{[^}]*\}")


def _app() -> FastAPI:
    keys = f"admin:{ADMIN_KEY},service:{SERVICE_KEY}"
    return create_app(Settings(_env_file=None, sagas_api_keys=keys))


def _flat_routes(app: FastAPI) -> Iterator[BaseRoute | Any]:
    """Every route with its full path (FastAPI >= 0.130 nests included routers)."""
    iter_contexts = getattr(fastapi_routing, "iter_route_contexts", None)
    if iter_contexts is None:
        yield from app.routes
    else:
        yield from iter_contexts(app.routes)


def app_endpoints() -> list[tuple[str, str]]:
    """(method, template) for every route of the app; HEAD is implied by GET."""
    found: set[tuple[str, str]] = set()
    for route in _flat_routes(_app()):
        path = getattr(route, "path", None) or "?"
        methods = getattr(route, "methods", None) or {"*"}  # a Mount must be declared too
        for method in methods - {"HEAD"}:
            found.add((method, _PARAM.sub("{}", path)))
    return sorted(found)


ENDPOINTS = app_endpoints()
PROTECTED = [e for e in ENDPOINTS if isinstance(POLICY.get(e), frozenset)]
BY_KEY = [e for e in PROTECTED if CLIENT_TOKEN not in POLICY[e]]
BY_TOKEN = [e for e in PROTECTED if CLIENT_TOKEN in POLICY[e]]
OPEN = [e for e in ENDPOINTS if POLICY.get(e) in (PUBLIC, SIGNATURE)]


def _ids(endpoints: list[tuple[str, str]]) -> list[str]:
    return [f"{m} {p}" for m, p in endpoints]


def test_every_route_declares_its_policy() -> None:
    undeclared = [e for e in ENDPOINTS if e not in POLICY]
    assert not undeclared, f"routes without an auth policy in POLICY: {undeclared}"
    assert ("POST", "/v1/products") in ENDPOINTS  # the enumeration sees included routers


def _path(template: str, checkout_id: str | None = None) -> str:
    value = checkout_id if checkout_id and template.startswith("/v1/checkouts/") else None
    return template.replace("{}", value or f"x_{secrets.token_hex(6)}")


async def _call(
    client: httpx.AsyncClient, method: str, path: str, headers: dict[str, str], body: Any = None
) -> httpx.Response:
    h = {"Idempotency-Key": f"matrix-{secrets.token_hex(8)}", **headers}
    if method in ("POST", "PUT", "PATCH"):
        return await client.request(method, path, json={} if body is None else body, headers=h)
    return await client.request(method, path, headers=h)


@pytest.fixture(scope="session")
async def real_checkout(api_server: Any, stack_worker: Any) -> AsyncIterator[dict[str, Any]]:
    """A checkout created through the API (product, then POST /v1/checkouts), cancelled
    afterwards so its saga compensates instead of waiting out its deadline."""
    async with httpx.AsyncClient(base_url=api_server.url, timeout=60) as client:
        product = await make_product(client, price=1500)
        r = await client.post(
            "/v1/checkouts",
            json={
                "customer_id": f"cus_{secrets.token_hex(4)}",
                "customer_email": "matrix@example.com",
                "items": [{"product_id": product["id"], "quantity": 1, "custom_data": {}}],
                "gateway": "stripe",
                "flow": "payment_intent",
            },
            headers={**SERVICE, "Idempotency-Key": f"matrix-{secrets.token_hex(8)}"},
        )
        assert r.status_code == 201, r.text
        checkout: dict[str, Any] = r.json()
        yield checkout
        await client.post(f"/v1/checkouts/{checkout['id']}/cancel", json={}, headers=SERVICE)


async def _assert_refusals(
    client: httpx.AsyncClient, method: str, path: str, roles: frozenset[str]
) -> None:
    for headers in ({}, {"Authorization": "Bearer not-a-key"}, {"Authorization": "Basic eDp5"}):
        r = await _call(client, method, path, headers)
        assert r.status_code == 401, (headers, r.text)
        assert r.json()["error"]["code"] == "unauthenticated"
    # A malformed body does not get past the credentials check either.
    bad = await client.request(
        method, path, content=b"{", headers={"content-type": "application/json"}
    )
    assert bad.status_code == 401, bad.text
    for role in sorted(set(KEYS) - roles):
        r = await _call(client, method, path, {"Authorization": f"Bearer {KEYS[role]}"})
        assert r.status_code == 403, (role, r.text)
        assert r.json()["error"]["code"] == "forbidden"


async def _assert_admitted(
    client: httpx.AsyncClient, method: str, path: str, roles: frozenset[str], token: str | None
) -> None:
    for role in sorted(roles):
        key = token if role == CLIENT_TOKEN else KEYS[role]
        r = await _call(client, method, path, {"Authorization": f"Bearer {key}"})
        assert r.status_code not in (401, 403, 500), (role, r.status_code, r.text)


@pytest.mark.parametrize(("method", "template"), BY_KEY, ids=_ids(BY_KEY))
async def test_keyed_route_refuses_missing_wrong_and_unlisted_credentials(
    catalogue_api: httpx.AsyncClient, method: str, template: str
) -> None:
    roles = POLICY[(method, template)]
    assert isinstance(roles, frozenset)
    await _assert_refusals(catalogue_api, method, _path(template), roles)


@pytest.mark.parametrize(("method", "template"), BY_KEY, ids=_ids(BY_KEY))
async def test_keyed_route_admits_its_roles(
    stack_worker: Any, api: httpx.AsyncClient, method: str, template: str
) -> None:
    roles = POLICY[(method, template)]
    assert isinstance(roles, frozenset)
    await _assert_admitted(api, method, _path(template), roles, None)


@pytest.mark.parametrize(("method", "template"), BY_TOKEN, ids=_ids(BY_TOKEN))
async def test_client_token_route_on_a_real_checkout(
    stack_worker: Any,
    api: httpx.AsyncClient,
    real_checkout: dict[str, Any],
    method: str,
    template: str,
) -> None:
    roles = POLICY[(method, template)]
    assert isinstance(roles, frozenset)
    path = _path(template, real_checkout["id"])
    await _assert_refusals(api, method, path, roles)
    await _assert_admitted(api, method, path, roles, real_checkout["client_token"])


@pytest.mark.parametrize(("method", "template"), OPEN, ids=_ids(OPEN))
async def test_open_route_needs_no_key(
    catalogue_api: httpx.AsyncClient, method: str, template: str
) -> None:
    policy = POLICY[(method, template)]
    path = _path(template)
    for headers in ({}, {"Authorization": "Bearer not-a-key"}):
        r = await _call(catalogue_api, method, path, headers)
        if policy == SIGNATURE:
            assert r.status_code == 400, (headers, r.text)  # no signature: 400, never 401
        else:
            assert r.status_code not in (401, 403, 500), (headers, r.status_code, r.text)
