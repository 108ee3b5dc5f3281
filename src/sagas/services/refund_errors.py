"""Why a refund may not be opened: one :class:`RefundError` subclass per answer, its
``status`` and ``code`` the API's (re-exported by :mod:`sagas.services.refunds`)."""

from __future__ import annotations

from sagas.services.errors import ServiceError


class RefundError(ServiceError):
    """A refund that may not be opened; ``status``/``code`` are the API's answer."""

    status = 409
    code = "conflict"


class OrderNotFound(RefundError):
    status, code = 404, "not_found"


class OrderNotRefundable(RefundError):
    status, code = 409, "order_not_refundable"


class RefundWindowClosed(RefundError):
    status, code = 409, "refund_window_closed"


class AmountNotRefundable(RefundError):
    status, code = 422, "amount_not_refundable"


class PaymentDisputed(RefundError):
    """A dispute is open on the payment: its money is the bank's to decide, and Stripe
    itself refuses to refund a disputed charge."""

    status, code = 409, "payment_disputed"


class IdempotencyConflict(RefundError):
    status, code = 409, "idempotency_conflict"
