"""The subscription protocol: the PSP's plan, subscription and dunning."""

from __future__ import annotations

from typing import Protocol

from sagas.domain.subscriptions import (
    PlanTerms,
    PspView,
    RetryPaymentResult,
    SubscriptionCancel,
    SubscriptionRequest,
)


class SubscriptionGateway(Protocol):
    """Recurring billing: the plan's PSP price/plan, the subscription, its dunning."""

    async def ensure_plan(self, plan: PlanTerms) -> str:
        """Create the PSP price / plan; the caller stores the id in ``plan_ref_field``."""
        ...

    async def create_subscription(self, req: SubscriptionRequest) -> tuple[str, dict[str, str]]:
        """Create (or adopt the earlier attempt's) subscription on the customer's PSP
        customer, its first payment's method saved as its default: its id, payer details.
        With ``req.trial_end`` the PSP's own trial collects the card now (``payer``:
        ``setup_client_secret`` or the authentication page) and charges it at the end."""
        ...

    async def read_subscription(self, gateway_subscription_id: str) -> PspView: ...

    async def retry_payment(
        self, gateway_subscription_id: str, *, subscription_id: str, retry_index: int
    ) -> RetryPaymentResult: ...

    async def close_first_payment(self, gateway_subscription_id: str) -> bool:
        """Before cancelling for want of a first payment: make that payment impossible
        (Stripe voids the open first invoice). True: nothing can be paid any more; False:
        it was paid meanwhile (the payment won the race; honour it, do not cancel)."""
        ...

    async def cancel_subscription(self, req: SubscriptionCancel) -> str:
        """Cancel it (idempotent; one already ended is left alone): its PSP status."""
        ...
