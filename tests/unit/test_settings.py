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


@pytest.mark.parametrize(
    "schedule",
    ["", "abc", "86400,x", "-5", "0", "1.5,3", "300,100", "100,100"],
    ids=["empty", "word", "mixed", "negative", "zero", "float", "falling", "repeat"],
)
def test_malformed_dunning_schedule_is_refused_at_start(schedule: str) -> None:
    with pytest.raises(ValidationError, match="DUNNING_RETRY_SCHEDULE_S"):
        make(dunning_retry_schedule_s=schedule)


def test_dunning_schedule_is_parsed_once() -> None:
    assert make(dunning_retry_schedule_s=" 60, 120 ,600").dunning_schedule() == [60, 120, 600]


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ({"sagas_api_keys": "root:secret-key"}, "unknown role"),
        ({"sagas_api_keys": "admin"}, "not role:key"),
        ({"temporal_address": "no-port"}, "TEMPORAL_ADDRESS"),
        ({"api_port": 70000}, "api_port"),
        ({"worker_metrics_port": -1}, "worker_metrics_port"),
        ({"log_format": "xml"}, "log_format"),
    ],
    ids=["role", "pair", "address", "port", "metrics-port", "log-format"],
)
def test_malformed_settings_are_refused_clearly(values: dict[str, Any], needle: str) -> None:
    with pytest.raises(ValidationError, match=needle) as err:
        make(**values)
    assert "secret-key" not in str(err.value)


def test_secrets_are_not_in_the_repr() -> None:
    s = make(
        **{
            **PROD_SECRETS,
            "database_url": "postgresql://sagas:db-password-1@db/sagas",
            "stripe_webhook_secrets_previous": "whsec_old_one",
        }
    )
    shown = repr(s) + str(s)
    for secret in (
        "prod-admin-0f3c",
        "sk_live_real",
        "whsec_real",
        "real-secret",
        "real-webhook-secret",
        "db-password-1",
        "whsec_old_one",
    ):
        assert secret not in shown, secret


def test_log_format_defaults_by_environment() -> None:
    assert make().effective_log_format == "text"
    assert make(**PROD_SECRETS).effective_log_format == "json"
    assert make(log_format="json").effective_log_format == "json"


def test_cli_refuses_bad_settings_before_starting(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from sagas.cli import app

    monkeypatch.setenv("DUNNING_RETRY_SCHEDULE_S", "1d,3d")
    result = CliRunner().invoke(app, ["migrate"])
    assert result.exit_code == 2
    assert "DUNNING_RETRY_SCHEDULE_S" in result.output
