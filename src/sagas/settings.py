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
    # Errors name the setting and the rule, never the value: it may be a secret.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", case_sensitive=False, hide_input_in_errors=True
    )

    sagas_env: Literal["development", "production"] = "development"
    # The URL may hold a password: kept out of the repr, like every secret below.
    database_url: str = Field(default=f"sqlite:///{DATA_DIR / 'sagas.db'}", repr=False)

    temporal_address: str = "localhost:7233"
    temporal_namespace: str = "default"
    temporal_task_queue: str = "payment-sagas"
    temporal_tls: bool = False
    temporal_api_key: SecretStr | None = None

    sagas_api_keys: str = Field(default=DEV_API_KEYS, repr=False)

    stripe_api_key: SecretStr | None = SecretStr(DEV_STRIPE_API_KEY)
    stripe_webhook_secret: SecretStr = SecretStr(DEV_STRIPE_WEBHOOK_SECRET)
    stripe_api_base: str | None = None
    razorpay_key_id: str | None = DEV_RAZORPAY_KEY_ID
    razorpay_key_secret: SecretStr | None = SecretStr(DEV_RAZORPAY_KEY_SECRET)
    razorpay_webhook_secret: SecretStr = SecretStr(DEV_RAZORPAY_WEBHOOK_SECRET)
    razorpay_api_base: str | None = None

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    psp_sim_port: int = Field(default=8090, ge=1, le=65535)
    temporal_ui_port: int = Field(default=8233, ge=1, le=65535)
    # The worker's /metrics (Temporal SDK metrics and ours), also its liveness probe;
    # 0 turns it off. The host is 127.0.0.1 unless a scraper elsewhere needs it.
    worker_metrics_port: int = Field(default=9464, ge=0, le=65535)
    worker_metrics_host: str = "127.0.0.1"
    # Logs: one JSON object per line (production's default) or text (development's).
    log_format: Literal["json", "text"] | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    psp_simulator: Literal["on", "off"] = "on"
    # Where `sagas dev` keeps its state (temporal.db, and sagas.db unless DATABASE_URL
    # is set), so data survives restarts; a test points it at a temporary folder.
    sagas_data_dir: Path = DATA_DIR

    # Saga timing (seconds). Checkout: default expiry and the PSP poll while waiting.
    checkout_default_expires_in_s: int = Field(default=30 * 60, ge=1)
    psp_poll_interval_s: int = Field(default=60, ge=1)
    # A payment the PSP reports `processing` keeps its checkout open past `expires_at`
    # for this long (bank debits settle in days), then raises NeedsAttention (11.3).
    processing_deadline_s: int = Field(default=14 * 24 * 3600, ge=1)
    # A manual-capture authorization not captured within this is voided (11.2).
    authorization_hold_s: int = Field(default=6 * 24 * 3600, ge=1)
    reconcile_interval_s: int = Field(default=300, ge=1)
    # Refunds: how long after payment a refund may be opened, and how long the refund
    # saga waits for the PSP's final word before asking an operator.
    refund_window_days: int = Field(default=180, ge=0)
    refund_deadline_s: int = Field(default=3 * 24 * 3600, ge=1)
    # Disputes: how often a dispute saga re-reads its dispute at the PSP between webhooks.
    dispute_poll_interval_s: int = Field(default=6 * 3600, ge=1)
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
    stripe_webhook_secrets_previous: str = Field(default="", repr=False)
    razorpay_webhook_secrets_previous: str = Field(default="", repr=False)
    # Merchant webhooks (CONTRACT section 10): the first retry after this many seconds,
    # doubling, never more than the cap apart, for the whole retry window; each attempt
    # gets the timeout. The dispatcher looks for due deliveries every poll interval.
    merchant_webhook_first_retry_s: float = Field(default=5, gt=0)
    merchant_webhook_max_interval_s: float = Field(default=6 * 3600, gt=0)
    merchant_webhook_retry_for_s: float = Field(default=259200, gt=0)
    merchant_webhook_timeout_s: float = Field(default=15, gt=0, le=60)
    merchant_webhook_poll_s: float = Field(default=0.5, gt=0, le=60)
    merchant_webhook_concurrency: int = Field(default=32, ge=1, le=1000)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, v: object) -> object:
        return v.upper() if isinstance(v, str) else v

    @field_validator("temporal_address")
    @classmethod
    def _host_port(cls, v: str) -> str:
        host, sep, port = v.rpartition(":")
        if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"TEMPORAL_ADDRESS must be host:port, got {v!r}")
        return v

    @field_validator("dunning_retry_schedule_s")
    @classmethod
    def _dunning_schedule(cls, v: str) -> str:
        """Positive whole seconds, comma-separated, rising: refused at start-up otherwise."""
        parts = [x.strip() for x in v.split(",") if x.strip()]
        if not parts or not all(x.isdigit() and int(x) > 0 for x in parts):
            raise ValueError(
                "DUNNING_RETRY_SCHEDULE_S must be positive whole seconds, comma-separated "
                f"(e.g. 86400,259200), got {v!r}"
            )
        offsets = [int(x) for x in parts]
        if offsets != sorted(set(offsets)):
            raise ValueError(f"DUNNING_RETRY_SCHEDULE_S must be strictly rising, got {v!r}")
        return ",".join(parts)

    @field_validator("sagas_api_keys")
    @classmethod
    def _api_keys_parse(cls, v: str) -> str:
        """``role:key`` pairs with a known role; the message never repeats a key."""
        for i, raw in enumerate(x.strip() for x in v.split(",")):
            if not raw:
                continue
            role, sep, key = raw.partition(":")
            if not sep or not key.strip():
                raise ValueError(f"SAGAS_API_KEYS entry {i + 1} is not role:key")
            if role.strip() not in {r.value for r in Role}:
                raise ValueError(
                    f"SAGAS_API_KEYS entry {i + 1} has an unknown role "
                    f"(expected one of {', '.join(r.value for r in Role)})"
                )
        return v

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
                raise ValueError("SAGAS_API_KEYS has an entry that is not role:key")
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

    @property
    def effective_log_format(self) -> Literal["json", "text"]:
        if self.log_format is not None:
            return self.log_format
        return "json" if self.sagas_env == "production" else "text"

    def dunning_schedule(self) -> list[int]:
        return [int(x) for x in self.dunning_retry_schedule_s.split(",") if x.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
