"""One typed settings object, read from the environment (CONTRACT section 9).

Nothing reads the environment at import time: call :func:`get_settings` (cached) or build
``Settings()`` explicitly, so tests can construct their own.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DATA_DIR = Path(".sagas")

# Development defaults: they work against the bundled PSP simulator and are refused in
# production, where a leaked default would mean a forgeable webhook or a test-mode key.
DEV_STRIPE_API_KEY = "sk_test_sagas_dev"
DEV_STRIPE_WEBHOOK_SECRET = "whsec_sagas_dev"
DEV_RAZORPAY_KEY_ID = "rzp_test_sagas_dev"
DEV_RAZORPAY_KEY_SECRET = "rzp_secret_sagas_dev"
DEV_RAZORPAY_WEBHOOK_SECRET = "rzp_whsec_sagas_dev"
DEV_API_KEYS = "admin:dev-admin-key,service:dev-service-key"
_DEV_VALUES = {
    DEV_STRIPE_API_KEY,
    DEV_STRIPE_WEBHOOK_SECRET,
    DEV_RAZORPAY_KEY_ID,
    DEV_RAZORPAY_KEY_SECRET,
    DEV_RAZORPAY_WEBHOOK_SECRET,
    "dev-admin-key",
    "dev-service-key",
}


class Role(StrEnum):
    SERVICE = "service"
    ADMIN = "admin"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    sagas_env: Literal["development", "production"] = "development"
    database_url: str = f"sqlite:///{DATA_DIR / 'sagas.db'}"

    temporal_address: str = "localhost:7233"
    temporal_namespace: str = "default"
    temporal_task_queue: str = "payment-sagas"
    temporal_tls: bool = False
    temporal_api_key: SecretStr | None = None

    sagas_api_keys: str = DEV_API_KEYS

    stripe_api_key: SecretStr | None = SecretStr(DEV_STRIPE_API_KEY)
    stripe_webhook_secret: SecretStr = SecretStr(DEV_STRIPE_WEBHOOK_SECRET)
    stripe_api_base: str | None = None
    razorpay_key_id: str | None = DEV_RAZORPAY_KEY_ID
    razorpay_key_secret: SecretStr | None = SecretStr(DEV_RAZORPAY_KEY_SECRET)
    razorpay_webhook_secret: SecretStr = SecretStr(DEV_RAZORPAY_WEBHOOK_SECRET)
    razorpay_api_base: str | None = None

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    psp_sim_port: int = 8090
    temporal_ui_port: int = 8233
    psp_simulator: Literal["on", "off"] = "on"
    # Where `sagas dev` keeps its state (temporal.db, and sagas.db unless DATABASE_URL
    # is set), so data survives restarts; a test points it at a temporary folder.
    sagas_data_dir: Path = DATA_DIR

    # Saga timing (seconds). Checkout: default expiry and the PSP poll while waiting.
    checkout_default_expires_in_s: int = Field(default=30 * 60, ge=1)
    psp_poll_interval_s: int = Field(default=60, ge=1)
    reconcile_interval_s: int = Field(default=300, ge=1)
    # Refunds: how long after payment a refund may be opened, and how long the refund
    # saga waits for the PSP's final word before asking an operator.
    refund_window_days: int = Field(default=180, ge=0)
    refund_deadline_s: int = Field(default=3 * 24 * 3600, ge=1)
    # Subscriptions: dunning retries (seconds after the failed renewal) and grace.
    dunning_retry_schedule_s: str = "86400,259200,432000"
    subscription_payment_deadline_s: int = Field(default=24 * 3600, ge=1)
    # How long the subscription API waits on its workflow before answering 202 / 504.
    subscription_api_wait_s: float = Field(default=30.0, gt=0)
    # Development only: how many seconds a subscription "day" lasts (trials, periods,
    # dunning), so a renewal can be watched; anything but 86400 is refused in production.
    sagas_dev_seconds_per_day: int = Field(default=86400, ge=1, le=86400)
    # Webhook audit log retention.
    webhook_retention_days: int = Field(default=90, ge=1)
    # Secret rotation: earlier webhook secrets (comma-separated) still accepted, because a
    # PSP keeps signing its retries with the secret it used first.
    stripe_webhook_secrets_previous: str = ""
    razorpay_webhook_secrets_previous: str = ""

    @field_validator("database_url")
    @classmethod
    def _psycopg3(cls, v: str) -> str:
        """Normalise PostgreSQL URLs to the psycopg 3 driver."""
        for prefix in ("postgres://", "postgresql://"):
            if v.startswith(prefix):
                return "postgresql+psycopg://" + v[len(prefix) :]
        return v

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_production(self) -> Settings:
        if self.sagas_env != "production":
            return self
        problems: list[str] = []
        secrets = {
            "STRIPE_API_KEY": self.stripe_api_key,
            "STRIPE_WEBHOOK_SECRET": self.stripe_webhook_secret,
            "RAZORPAY_KEY_SECRET": self.razorpay_key_secret,
            "RAZORPAY_WEBHOOK_SECRET": self.razorpay_webhook_secret,
        }
        for name, secret in secrets.items():
            value = secret.get_secret_value() if secret is not None else None
            if name.endswith("WEBHOOK_SECRET") and not value:
                problems.append(f"{name} is empty")
            elif value in _DEV_VALUES:
                problems.append(f"{name} is a development default")
        if self.sagas_dev_seconds_per_day != 86400:
            problems.append("SAGAS_DEV_SECONDS_PER_DAY is a development time scale")
        for name, joined in (
            ("STRIPE_WEBHOOK_SECRETS_PREVIOUS", self.stripe_webhook_secrets_previous),
            ("RAZORPAY_WEBHOOK_SECRETS_PREVIOUS", self.razorpay_webhook_secrets_previous),
        ):
            # An old secret still verifies webhooks: a development one would let anyone forge.
            if any(v.strip() in _DEV_VALUES for v in joined.split(",")):
                problems.append(f"{name} contains a development default")
        if self.razorpay_key_id in _DEV_VALUES:
            problems.append("RAZORPAY_KEY_ID is a development default")
        for _role, key in self.api_keys():
            if key in _DEV_VALUES:
                problems.append("SAGAS_API_KEYS contains a development key")
                break
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self

    def api_keys(self) -> list[tuple[Role, str]]:
        """Parse ``SAGAS_API_KEYS`` (``role:key`` pairs, comma-separated)."""
        pairs: list[tuple[Role, str]] = []
        for raw in self.sagas_api_keys.split(","):
            raw = raw.strip()
            if not raw:
                continue
            role, sep, key = raw.partition(":")
            if not sep or not key:
                raise ValueError(f"SAGAS_API_KEYS entry {raw!r} is not role:key")
            pairs.append((Role(role.strip()), key.strip()))
        return pairs

    @property
    def stripe_configured(self) -> bool:
        return self.stripe_api_key is not None and bool(self.stripe_api_key.get_secret_value())

    @property
    def razorpay_configured(self) -> bool:
        return (
            bool(self.razorpay_key_id)
            and self.razorpay_key_secret is not None
            and bool(self.razorpay_key_secret.get_secret_value())
        )

    def dunning_schedule(self) -> list[int]:
        return [int(x) for x in self.dunning_retry_schedule_s.split(",") if x.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
