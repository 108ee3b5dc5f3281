"""Settings of one simulator process.

Everything that a test may want to shorten (timers, retry schedule) is here, so tests
run on a compressed clock without monkeypatching.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

DEFAULT_RETRY_SCHEDULE_S: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)


@dataclass
class SimConfig:
    """Keys, secrets, webhook targets and timers of the simulator.

    `port=0` picks a free port (used by `pspsim.testing.running_simulator`).
    `public_base_url` is where payers reach the hosted pages; by default it is derived
    from host and the bound port.
    """

    host: str = "127.0.0.1"
    port: int = 8090
    public_base_url: str | None = None
    stripe_api_keys: list[str] = field(default_factory=lambda: ["sk_test_sagas_dev"])
    stripe_webhook_secret: str = "whsec_sagas_dev"
    stripe_webhook_url: str | None = None
    razorpay_key_id: str = "rzp_test_sagas_dev"
    razorpay_key_secret: str = "rzp_secret_sagas_dev"
    razorpay_webhook_secret: str = "rzp_whsec_sagas_dev"
    razorpay_webhook_url: str | None = None
    razorpay_account_id: str = "acc_sagasdev00001"
    #: A pending refund settles after this many seconds (None: only by a control call).
    refund_settle_after_s: float | None = 2.0
    #: Razorpay auto-refunds an authorized payment not captured within this time.
    razorpay_auto_refund_after_s: float = 300.0
    #: Consecutive failed renewals after which a Razorpay subscription is `halted`.
    razorpay_halt_after_failures: int = 4
    #: Delay before each retry of a failed webhook delivery; attempts = len + 1.
    webhook_retry_schedule_s: tuple[float, ...] = DEFAULT_RETRY_SCHEDULE_S
    webhook_timeout_s: float = 5.0
    #: How long Stripe keeps idempotency keys.
    idempotency_ttl_s: float = 24 * 3600
    seed: int | None = None
    #: How long a day lasts on the simulator's clock (`SIM_SECONDS_PER_DAY`); billing
    #: periods, trials and retries of failed invoices follow it.
    seconds_per_day: int = 86400
    #: Days after an invoice's first failed attempt on which Stripe retries it; when the
    #: last retry fails the subscription is canceled (Stripe's custom retry schedule).
    stripe_invoice_retry_days: tuple[int, ...] = (1, 3, 5, 7)
    #: Days between Razorpay's retries of a failed renewal (it halts after
    #: `razorpay_halt_after_failures` failures in a row).
    razorpay_retry_days: int = 1
    #: How often (real seconds) the billing engine looks for renewals that fell due.
    billing_tick_s: float = 0.5

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> SimConfig:
        """Settings from the product's environment variables (CONTRACT section 9).

        `STRIPE_API_KEY`, `STRIPE_WEBHOOK_SECRET`, `RAZORPAY_KEY_ID`, `RAZORPAY_KEY_SECRET`,
        `RAZORPAY_WEBHOOK_SECRET`, `PSP_SIM_PORT`; webhook targets from
        `PSP_SIM_STRIPE_WEBHOOK_URL` / `PSP_SIM_RAZORPAY_WEBHOOK_URL`; the length of a day
        from `SIM_SECONDS_PER_DAY`. Unset means the development default, so the simulator
        and the API agree out of the box.
        """
        e = os.environ if env is None else env
        default = cls()
        values: dict[str, object] = {
            "port": int(e.get("PSP_SIM_PORT", default.port)),
            "stripe_api_keys": [e["STRIPE_API_KEY"]]
            if e.get("STRIPE_API_KEY")
            else default.stripe_api_keys,
            "stripe_webhook_secret": e.get("STRIPE_WEBHOOK_SECRET", default.stripe_webhook_secret),
            "stripe_webhook_url": e.get("PSP_SIM_STRIPE_WEBHOOK_URL") or None,
            "razorpay_key_id": e.get("RAZORPAY_KEY_ID", default.razorpay_key_id),
            "razorpay_key_secret": e.get("RAZORPAY_KEY_SECRET", default.razorpay_key_secret),
            "razorpay_webhook_secret": e.get(
                "RAZORPAY_WEBHOOK_SECRET", default.razorpay_webhook_secret
            ),
            "razorpay_webhook_url": e.get("PSP_SIM_RAZORPAY_WEBHOOK_URL") or None,
            "seconds_per_day": int(e.get("SIM_SECONDS_PER_DAY") or default.seconds_per_day),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
