"""Razorpay webhooks: signature verification through the SDK and a pure translator.

``verify`` checks ``X-Razorpay-Signature`` over the raw body with
``razorpay.Utility.verify_webhook_signature`` (which wants ``str``; NOTES §5), trying the
current secret and then the previous ones, since Razorpay signs retries of older events
with the secret that was current when they were created. The event id comes from the
``X-Razorpay-Event-Id`` header (the envelope has none). ``translate`` maps an envelope to
a :class:`PspEvent` through a dispatch table; our ids ride in ``notes`` — Razorpay sends
empty notes as ``[]``, and any other non-string value makes the event a recorded no-op.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import razorpay
from razorpay.errors import SignatureVerificationError

from sagas.domain.psp_events import Gateway, PspEvent, PspEventKind
from sagas.webhooks.errors import IgnoredEvent, InvalidSignature, MalformedEvent

SIGNATURE_HEADER = "x-razorpay-signature"
EVENT_ID_HEADER = "x-razorpay-event-id"
MAX_EVENT_ID = 255

Obj = Mapping[str, Any]


def verify(payload: bytes, signature: str | None, secrets: Sequence[str]) -> None:
    """Raise :class:`InvalidSignature` unless one secret verifies the raw body."""
    if not signature:
        raise InvalidSignature("missing X-Razorpay-Signature header")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidSignature("body is not UTF-8, it cannot carry a valid signature") from err
    utility = razorpay.Utility()
    for secret in secrets:
        if not secret:
            continue
        try:
            utility.verify_webhook_signature(text, signature, secret)
            return
        except (SignatureVerificationError, TypeError):  # TypeError: non-ASCII signature
            continue
    raise InvalidSignature("X-Razorpay-Signature does not match the body")


def parse(payload: bytes, event_id: str | None) -> dict[str, Any]:
    """The envelope; :class:`MalformedEvent` without JSON, an ``event`` name or an id."""
    if not event_id or len(event_id) > MAX_EVENT_ID:
        raise MalformedEvent("missing or overlong X-Razorpay-Event-Id header")
    try:
        envelope = json.loads(payload)
    except ValueError as err:
        raise MalformedEvent(f"body is not JSON: {err}") from err
    if not isinstance(envelope, dict):
        raise MalformedEvent("event is not a JSON object")
    if not isinstance(envelope.get("event"), str) or not envelope["event"]:
        raise MalformedEvent("event has no string event name")
    return envelope


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _note(notes: Any, key: str) -> str | None:
    if notes is None or (isinstance(notes, list) and not notes):
        return None
    if not isinstance(notes, Mapping):
        raise IgnoredEvent(f"notes is {type(notes).__name__}, expected an object")
    value = notes.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise IgnoredEvent(f"notes.{key} is {type(value).__name__}, expected a string")
    return value


def _ours(entity: Obj) -> dict[str, str | None]:
    notes = entity.get("notes")
    return {k: _note(notes, k) for k in ("checkout_id", "refund_id", "subscription_id")}


def _entity(envelope: Obj, name: str) -> Obj:
    payload = envelope.get("payload")
    wrapper = payload.get(name) if isinstance(payload, Mapping) else None
    entity = wrapper.get("entity") if isinstance(wrapper, Mapping) else None
    if not isinstance(entity, Mapping) or not _str(entity.get("id")):
        raise IgnoredEvent(f"event carries no payload.{name}.entity with an id")
    return entity


def _payment(envelope: Obj) -> tuple[str, dict[str, Any]]:
    pay = _entity(envelope, "payment")
    return str(pay["id"]), {
        **_ours(pay),
        "payment_id": _str(pay.get("id")),
        "gateway_object_id": _str(pay.get("order_id")),
        "amount_minor": _int(pay.get("amount")),
        "currency": _str(pay.get("currency")),
        "status": _str(pay.get("status")),
    }


def _order_paid(envelope: Obj) -> tuple[str, dict[str, Any]]:
    object_id, fields = _payment(envelope)
    order = _entity(envelope, "order")
    fields = {**fields, **{k: v for k, v in _ours(order).items() if v}}
    fields["gateway_object_id"] = _str(order.get("id"))
    return object_id, fields


def _refund(envelope: Obj) -> tuple[str, dict[str, Any]]:
    ref = _entity(envelope, "refund")
    return str(ref["id"]), {
        **_ours(ref),
        "payment_id": _str(ref.get("payment_id")),
        "gateway_refund_id": _str(ref.get("id")),
        "amount_minor": _int(ref.get("amount")),
        "currency": _str(ref.get("currency")),
        "status": _str(ref.get("status")),
    }


def _subscription(envelope: Obj) -> tuple[str, dict[str, Any]]:
    sub = _entity(envelope, "subscription")
    fields: dict[str, Any] = {
        **_ours(sub),
        "gateway_subscription_id": _str(sub.get("id")),
        "status": _str(sub.get("status")),
    }
    payload = envelope.get("payload")
    if isinstance(payload, Mapping) and "payment" in payload:
        _, pay = _payment(envelope)
        fields.update(
            payment_id=pay["payment_id"], amount_minor=pay["amount_minor"], currency=pay["currency"]
        )
    return str(sub["id"]), fields


Extractor = Callable[[Obj], tuple[str, dict[str, Any]]]
K = PspEventKind
#: Event name → (normalized kind, extractor returning the main object id and fields).
DISPATCH: dict[str, tuple[PspEventKind, Extractor]] = {
    "payment.authorized": (K.PAYMENT_AUTHORIZED, _payment),
    "payment.captured": (K.PAYMENT_SUCCEEDED, _payment),
    "payment.failed": (K.PAYMENT_FAILED, _payment),
    "order.paid": (K.PAYMENT_SUCCEEDED, _order_paid),
    "refund.created": (K.REFUND_UPDATED, _refund),
    "refund.processed": (K.REFUND_UPDATED, _refund),
    "refund.failed": (K.REFUND_UPDATED, _refund),
    "refund.speed_changed": (K.REFUND_UPDATED, _refund),
    "subscription.authenticated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.activated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.charged": (K.INVOICE_PAID, _subscription),
    "subscription.pending": (K.INVOICE_PAYMENT_FAILED, _subscription),
    "subscription.halted": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.updated": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.paused": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.resumed": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.completed": (K.SUBSCRIPTION_UPDATED, _subscription),
    "subscription.cancelled": (K.SUBSCRIPTION_CANCELED, _subscription),
}


def _when(value: Any) -> datetime | None:
    seconds = _int(value)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def translate(envelope: Mapping[str, Any], event_id: str) -> PspEvent:
    """A parsed, verified envelope → :class:`PspEvent`; :class:`IgnoredEvent` if not ours."""
    name = str(envelope.get("event"))
    entry = DISPATCH.get(name)
    if entry is None:
        raise IgnoredEvent(f"event {name} is not handled")
    kind, extract = entry
    object_id, fields = extract(envelope)
    return PspEvent(
        gateway=Gateway.RAZORPAY,
        event_id=event_id,
        event_type=name,
        kind=kind,
        object_id=object_id,
        occurred_at=_when(envelope.get("created_at")),
        **{k: v for k, v in fields.items() if v is not None},
    )
