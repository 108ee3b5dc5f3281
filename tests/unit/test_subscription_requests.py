"""The PSP idempotency key of a subscription cancellation comes from the PSP subscription
id, distinct for "now" and "at period end" (a retried activity repeats its own key only)."""

from __future__ import annotations

from sagas.domain.subscriptions import SubscriptionCancel


def test_cancel_keys_derive_from_the_psp_subscription_id() -> None:
    now = SubscriptionCancel(gateway_subscription_id="sub_123", at_period_end=False)
    later = SubscriptionCancel(gateway_subscription_id="sub_123", at_period_end=True)
    assert now.idempotency_key == "sub_123-cancel"
    assert later.idempotency_key == "sub_123-cancel-at-period-end"
