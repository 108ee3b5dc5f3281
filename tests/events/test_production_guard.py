"""The SSRF guard in production: over the API (422 ``url_not_allowed``) and again
before each delivery attempt."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from sagas.deps import Deps
from sagas.events.delivery.dispatcher import DispatchActivities
from sagas.events.delivery.store import Attempt
from sagas.settings import Settings
from tests.support.net import UvicornThread

PROD_ADMIN = "prod-admin-key-for-tests"


@pytest.fixture(scope="module")
def production(settings: Settings) -> Settings:
    return Settings(
        _env_file=None,
        sagas_env="production",
        database_url=settings.database_url,
        stripe_api_key="sk_live_for_tests",
        stripe_webhook_secret="whsec_live_for_tests",
        razorpay_key_id="rzp_live_for_tests",
        razorpay_key_secret="rzp_live_secret_for_tests",
        razorpay_webhook_secret="rzp_live_whsec_for_tests",
        sagas_api_keys=f"admin:{PROD_ADMIN},service:prod-service-key-for-tests",
    )


@pytest.fixture(scope="module")
def prod_api(production: Settings, deps: Deps) -> Iterator[str]:
    prod_deps = Deps(production, deps.engine, deps.sessions, deps.gateways)
    with UvicornThread(create_app(production, deps=prod_deps)) as server:
        yield server.url


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/hooks",
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",
        "https://10.0.0.7/hooks",
        "https://169.254.169.254/latest",
        "https://[fe80::1]/hooks",
    ],
)
async def test_production_api_refuses_private_and_plain_http(prod_api: str, url: str) -> None:
    async with httpx.AsyncClient(base_url=prod_api, timeout=10) as client:
        r = await client.post(
            "/v1/webhook-endpoints",
            json={"url": url, "event_types": ["*"]},
            headers={"Authorization": f"Bearer {PROD_ADMIN}"},
        )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "url_not_allowed"


async def test_production_rechecks_before_each_attempt(production: Settings, deps: Deps) -> None:
    acts = DispatchActivities(deps.sessions, production)
    bad = Attempt("whd_x", "evt_x", "https://127.0.0.1/hooks", "{}", ["whsec_AAAA"])
    refused = await acts._guarded(bad)
    assert refused is not None and not refused.ok
    assert refused.error and refused.error.startswith("url_not_allowed")
    good = Attempt("whd_x", "evt_x", "https://93.184.216.34/hooks", "{}", ["whsec_AAAA"])
    assert await acts._guarded(good) is None
