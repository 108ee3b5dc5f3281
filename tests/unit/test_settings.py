"""Settings: CONTRACT section 9 names, URL normalisation, keys, and production refusal."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from sagas.settings import Role, Settings

PROD_SECRETS: dict[str, Any] = {
    "sagas_env": "production",
    "sagas_api_keys": "admin:prod-admin-0f3c,service:prod-service-9a1d",
    "stripe_api_key": "sk_live_real",
    "stripe_webhook_secret": "whsec_real",
    "razorpay_key_id": "rzp_live_real",
    "razorpay_key_secret": "real-secret",
    "razorpay_webhook_secret": "real-webhook-secret",
}


def make(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def test_defaults_are_for_development() -> None:
    s = make()
    assert s.sagas_env == "development"
    assert s.database_url.startswith("sqlite:///")
    assert (s.temporal_address, s.api_port, s.psp_sim_port, s.temporal_ui_port) == (
        "localhost:7233",
        8000,
        8090,
        8233,
    )
    assert s.stripe_configured and s.razorpay_configured


def test_environment_names(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "DATABASE_URL": "postgres://u:p@db:5432/sagas",
        "TEMPORAL_ADDRESS": "temporal:7233",
        "TEMPORAL_NAMESPACE": "payments",
        "TEMPORAL_TASK_QUEUE": "q",
        "SAGAS_API_KEYS": "admin:a1, service:s1",
        "STRIPE_API_BASE": "http://127.0.0.1:8090/stripe",
        "RAZORPAY_API_BASE": "http://127.0.0.1:8090/razorpay",
        "API_PORT": "9000",
        "PSP_SIMULATOR": "off",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    s = make()
    assert s.database_url == "postgresql+psycopg://u:p@db:5432/sagas"
    assert (s.temporal_address, s.temporal_namespace, s.temporal_task_queue) == (
        "temporal:7233",
        "payments",
        "q",
    )
    assert s.api_keys() == [(Role.ADMIN, "a1"), (Role.SERVICE, "s1")]
    assert s.stripe_api_base == "http://127.0.0.1:8090/stripe"
    assert (s.api_port, s.psp_simulator) == (9000, "off")


@pytest.mark.parametrize("raw", ["admin", "admin:", "root:k1", "admin:k1,service"])
def test_malformed_api_keys_are_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        make(sagas_api_keys=raw).api_keys()


def test_production_with_real_secrets_starts() -> None:
    assert make(**PROD_SECRETS).sagas_env == "production"


@pytest.mark.parametrize(
    ("override", "complaint"),
    [
        ({"sagas_api_keys": "admin:dev-admin-key,service:prod-s"}, "SAGAS_API_KEYS"),
        ({"stripe_api_key": "sk_test_sagas_dev"}, "STRIPE_API_KEY"),
        ({"stripe_webhook_secret": "whsec_sagas_dev"}, "STRIPE_WEBHOOK_SECRET"),
        ({"stripe_webhook_secret": ""}, "STRIPE_WEBHOOK_SECRET is empty"),
        ({"razorpay_key_id": "rzp_test_sagas_dev"}, "RAZORPAY_KEY_ID"),
        ({"razorpay_key_secret": "rzp_secret_sagas_dev"}, "RAZORPAY_KEY_SECRET"),
        ({"razorpay_webhook_secret": "rzp_whsec_sagas_dev"}, "RAZORPAY_WEBHOOK_SECRET"),
        (
            {"stripe_webhook_secrets_previous": "whsec_old_real, whsec_sagas_dev"},
            "STRIPE_WEBHOOK_SECRETS_PREVIOUS",
        ),
        (
            {"razorpay_webhook_secrets_previous": "rzp_whsec_sagas_dev"},
            "RAZORPAY_WEBHOOK_SECRETS_PREVIOUS",
        ),
    ],
)
def test_production_refuses_development_secrets(override: dict[str, Any], complaint: str) -> None:
    with pytest.raises(ValidationError) as err:
        make(**{**PROD_SECRETS, **override})
    assert "refusing to start in production" in str(err.value)
    assert complaint in str(err.value)


def test_production_refuses_all_defaults_at_once() -> None:
    with pytest.raises(ValidationError):
        make(sagas_env="production")
