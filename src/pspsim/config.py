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

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> SimConfig:
        """Settings from the product's environment variables (CONTRACT section 9).

        `STRIPE_API_KEY`, `STRIPE_WEBHOOK_SECRET`, `RAZORPAY_KEY_ID`, `RAZORPAY_KEY_SECRET`,
        `RAZORPAY_WEBHOOK_SECRET`, `PSP_SIM_PORT`; webhook targets from
        `PSP_SIM_STRIPE_WEBHOOK_URL` / `PSP_SIM_RAZORPAY_WEBHOOK_URL`. Unset means the
        development default, so the simulator and the API agree out of the box.
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
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
