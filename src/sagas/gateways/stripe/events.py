"""Stripe webhooks: signature verification through the SDK and a pure translator.

``verify`` checks ``Stripe-Signature`` with ``stripe.WebhookSignature.verify_header``
(the check ``Webhook.construct_event`` runs) against every configured secret, so during
a rotation the current and the previous secrets both pass; any ``v1`` entry of the
header may match. ``translate`` turns a parsed event into a :class:`PspEvent` through a
dispatch table keyed by event type; it does no I/O. Metadata values are ours
(``checkout_id`` / ``order_id`` / ``refund_id`` / ``subscription_id``) but arrive from the
network: one of the wrong type makes the event an :class:`IgnoredEvent` (a recorded
no-op), never an exception that would turn into a 500 and a retry storm.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import stripe

from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.webhooks.errors import IgnoredEvent, InvalidSignature, MalformedEvent

TOLERANCE_S = 300
SIGNATURE_HEADER = "stripe-signature"
REQUEST_ID_HEADER = "request-id"

Obj = Mapping[str, Any]


def verify(
    payload: bytes, header: str | None, secrets: Sequence[str], *, tolerance: int = TOLERANCE_S
) -> None:
    """Raise :class:`InvalidSignature` unless one secret verifies the header."""
    if not header:
        raise InvalidSignature("missing Stripe-Signature header")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidSignature("body is not UTF-8, it cannot carry a valid signature") from err
    reason = "no webhook secret configured"
    for secret in secrets:
        if not secret:
            continue
        try:
            stripe.WebhookSignature.verify_header(text, header, secret, tolerance)
            return
        except stripe.SignatureVerificationError as err:
            reason = str(err.user_message or err)
        except (ValueError, IndexError, TypeError) as err:  # unparsable or non-ASCII header
            reason = f"unparsable Stripe-Signature header: {err}"
    raise InvalidSignature(reason)


def parse(payload: bytes) -> dict[str, Any]:
    """The event envelope; :class:`MalformedEvent` without a usable id and type."""
    try:
        event = json.loads(payload)
    except ValueError as err:
        raise MalformedEvent(f"body is not JSON: {err}") from err
    if not isinstance(event, dict):
        raise MalformedEvent("event is not a JSON object")
    event_id, event_type = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not event_id:
        raise MalformedEvent("event has no string id")
    if not isinstance(event_type, str) or not event_type:
        raise MalformedEvent("event has no string type")
    return event


def _id(value: Any) -> str | None:
    """An id field, which Stripe may also send expanded as an object."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, Mapping) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _when(value: Any) -> datetime | None:
    seconds = _int(value)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _meta(metadata: Any, key: str) -> str | None:
    if metadata is None:
        return None
    if not isinstance(metadata, Mapping):
        raise IgnoredEvent(f"metadata is {type(metadata).__name__}, expected an object")
    value = metadata.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IgnoredEvent(f"metadata.{key} is {type(value).__name__}, expected a string")
    return value


def _ours(metadata: Any) -> dict[str, str | None]:
    return {
        "checkout_id": _meta(metadata, "checkout_id"),
        "refund_id": _meta(metadata, "refund_id"),
        "subscription_id": _meta(metadata, "subscription_id"),
    }


def _payment_intent(pi: Obj) -> dict[str, Any]:
    return {
        **_ours(pi.get("metadata")),
        "payment_id": _id(pi.get("id")),
        "gateway_object_id": _id(pi.get("id")),
        "amount_minor": _int(pi.get("amount_received")) or _int(pi.get("amount")),
        "currency": _str(pi.get("currency")),
        "status": _str(pi.get("status")),
    }


def _session(cs: Obj) -> dict[str, Any]:
    return {
        **_ours(cs.get("metadata")),
        "payment_id": _id(cs.get("payment_intent")),
        "gateway_object_id": _id(cs.get("id")),
        "gateway_subscription_id": _id(cs.get("subscription")),
        "amount_minor": _int(cs.get("amount_total")),
        "currency": _str(cs.get("currency")),
        "status": _str(cs.get("payment_status")) or _str(cs.get("status")),
        "extra": {"payment_link": pl} if (pl := _id(cs.get("payment_link"))) else {},
    }


def _refund(re: Obj) -> dict[str, Any]:
    return {
        **_ours(re.get("metadata")),
        "payment_id": _id(re.get("payment_intent")),
        "gateway_refund_id": _id(re.get("id")),
        "amount_minor": _int(re.get("amount")),
        "currency": _str(re.get("currency")),
        "status": _str(re.get("status")),
    }


def _charge(ch: Obj) -> dict[str, Any]:
    refunds = ch.get("refunds")
    data = refunds.get("data") if isinstance(refunds, Mapping) else None
    latest = data[0] if isinstance(data, list) and data and isinstance(data[0], Mapping) else {}
    return {
        **_ours(ch.get("metadata")),
        **{k: v for k, v in _ours(latest.get("metadata")).items() if v},
        "payment_id": _id(ch.get("payment_intent")),
        "gateway_refund_id": _id(latest.get("id")),
        "amount_minor": _int(ch.get("amount_refunded")),
        "currency": _str(ch.get("currency")),
        "status": "refunded" if ch.get("refunded") is True else _str(ch.get("status")),
    }


def _invoice(inv: Obj) -> dict[str, Any]:
    # 2026 shape: the subscription sits under parent.subscription_details (NOTES §3).
    parent = inv.get("parent")
    found = parent.get("subscription_details") if isinstance(parent, Mapping) else None
    details: Obj = found if isinstance(found, Mapping) else {}
    return {
        **_ours(details.get("metadata")),
        "gateway_invoice_id": _id(inv.get("id")),
        "gateway_subscription_id": _id(details.get("subscription")),
        "amount_minor": _int(inv.get("amount_paid")) or _int(inv.get("amount_due")),
        "currency": _str(inv.get("currency")),
        "status": _str(inv.get("status")),
    }


def _subscription(sub: Obj) -> dict[str, Any]:
    return {
        **_ours(sub.get("metadata")),
        "gateway_subscription_id": _id(sub.get("id")),
        "status": _str(sub.get("status")),
        "currency": _str(sub.get("currency")),
    }


Extractor = Callable[[Obj], dict[str, Any]]
K = PspEventKind
#: Event type → (normalized kind, fields of its object). Types not listed are recorded
#: and acknowledged as no-ops: nothing we run waits for them.
DISPATCH: dict[str, tuple[PspEventKind, Extractor]] = {
    "payment_intent.succeeded": (K.PAYMENT_SUCCEEDED, _payment_intent),
    "payment_intent.amount_capturable_updated": (K.PAYMENT_AUTHORIZED, _payment_intent),
    "payment_intent.processing": (K.PAYMENT_PROCESSING, _payment_intent),
    "payment_intent.requires_action": (K.OTHER, _payment_intent),
    "payment_intent.payment_failed": (K.PAYMENT_FAILED, _payment_intent),
    "payment_intent.canceled": (K.PAYMENT_CANCELED, _payment_intent),
    "checkout.session.completed": (K.CHECKOUT_COMPLETED, _session),
    "checkout.session.async_payment_succeeded": (K.PAYMENT_SUCCEEDED, _session),
    "checkout.session.async_payment_failed": (K.PAYMENT_FAILED, _session),
    "checkout.session.expired": (K.CHECKOUT_EXPIRED, _session),
    "charge.refunded": (K.REFUND_UPDATED, _charge),
    "charge.refund.updated": (K.REFUND_UPDATED, _refund),
    "refund.created": (K.REFUND_UPDATED, _refund),
    "refund.updated": (K.REFUND_UPDATED, _refund),
    "refund.failed": (K.REFUND_UPDATED, _refund),
    "invoice.paid": (K.INVOICE_PAID, _invoice),
    "invoice.payment_succeeded": (K.INVOICE_PAID, _invoice),
    "invoice.payment_failed": (K.INVOICE_PAYMENT_FAILED, _invoice),
    "customer.subscription.created": (K.SUBSCRIPTION_UPDATED, _subscription),
    "customer.subscription.updated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "customer.subscription.deleted": (K.SUBSCRIPTION_CANCELED, _subscription),
}


def translate(event: Mapping[str, Any]) -> PspEvent:
    """A parsed, verified event → :class:`PspEvent`; :class:`IgnoredEvent` if not ours."""
    event_type = str(event.get("type"))
    entry = DISPATCH.get(event_type)
    if entry is None:
        raise IgnoredEvent(f"event type {event_type} is not handled")
    kind, extract = entry
    data = event.get("data")
    obj = data.get("object") if isinstance(data, Mapping) else None
    if not isinstance(obj, Mapping) or not _id(obj.get("id")):
        raise IgnoredEvent("event carries no data.object with an id")
    fields = {k: v for k, v in extract(obj).items() if v is not None}
    return PspEvent(
        gateway=Gateway.STRIPE,
        event_id=str(event["id"]),
        event_type=event_type,
        kind=kind,
        object_id=str(_id(obj.get("id"))),
        occurred_at=_when(event.get("created")),
        **fields,
    )
