"""``/healthz``, ``/readyz`` (ready, and 503 with the database down), OpenAPI docs, and
the single error shape for the failures the framework produces itself."""

from __future__ import annotations

import httpx

from api.app import create_app
from tests.api.conftest import lean_settings
from tests.conftest import ADMIN
from tests.support.net import UvicornThread, free_port


async def test_healthz(catalogue_api: httpx.AsyncClient) -> None:
    r = await catalogue_api.get("/healthz")
    assert (r.status_code, r.json()) == (200, {"status": "ok"})


async def test_readyz_when_database_and_temporal_answer(catalogue_api: httpx.AsyncClient) -> None:
    r = await catalogue_api.get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "ready", "checks": {"database": "ok", "temporal": "ok"}}


async def test_readyz_is_503_when_the_database_is_unreachable(temporal_address: str) -> None:
    unreachable = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/nowhere?connect_timeout=2"
    app = create_app(lean_settings(unreachable, temporal_address))
    with UvicornThread(app) as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            health = await client.get("/healthz")
            ready = await client.get("/readyz")
            products = await client.get("/v1/products")
    assert health.status_code == 200  # the process is up even so
    assert ready.status_code == 503
    assert ready.json()["status"] == "not_ready"
    assert ready.json()["checks"]["database"].startswith("unavailable")
    assert ready.json()["checks"]["temporal"] == "ok"
    # A route that needs the database says so in the error shape, never a bare 500.
    assert products.status_code == 503
    assert products.json()["error"]["code"] == "service_unavailable"


async def test_openapi_documents_the_catalogue(catalogue_api: httpx.AsyncClient) -> None:
    r = await catalogue_api.get("/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    paths = spec["paths"]
    for path, method in [
        ("/v1/products", "post"),
        ("/v1/products", "get"),
        ("/v1/products/{product_id}", "patch"),
        ("/v1/discount-codes", "post"),
        ("/v1/discount-codes/validate", "post"),
        ("/healthz", "get"),
        ("/readyz", "get"),
    ]:
        assert method in paths[path], (method, path)
    price = spec["components"]["schemas"]["ProductCreate"]["properties"]["price"]
    assert price["type"] == "integer"
    docs = await catalogue_api.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def _is_error_shape(body: object) -> bool:
    if not isinstance(body, dict) or set(body) != {"error"}:
        return False
    err = body["error"]
    return (
        isinstance(err, dict)
        and {"code", "message"} <= set(err) <= {"code", "message", "details", "request_id"}
        and all(isinstance(err[k], str) and err[k] for k in ("code", "message"))
    )


async def test_every_failure_has_the_one_error_shape(catalogue_api: httpx.AsyncClient) -> None:
    cases = [
        (await catalogue_api.get("/no/such/route"), 404, "not_found"),
        (await catalogue_api.delete("/v1/products"), 405, "method_not_allowed"),
        (await catalogue_api.post("/v1/products", json={}), 401, "unauthenticated"),
        (
            await catalogue_api.post(
                "/v1/products", json={}, headers={"Authorization": "Basic abc"}
            ),
            401,
            "unauthenticated",
        ),
        (
            await catalogue_api.post("/v1/products", json={"price": 1.5}, headers=ADMIN),
            422,
            "validation_error",
        ),
        (await catalogue_api.get("/v1/products/prod_missing"), 404, "not_found"),
    ]
    for response, status, code in cases:
        assert response.status_code == status, response.text
        assert _is_error_shape(response.json()), response.text
        assert response.json()["error"]["code"] == code
