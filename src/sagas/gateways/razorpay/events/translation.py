"""A parsed, verified Razorpay envelope -> PspEvent; no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagas.domain.psp_events import Gateway, PspEvent
from sagas.gateways.event_errors import IgnoredEvent
from sagas.gateways.event_fields import unix_time
from sagas.gateways.razorpay.events.dispatch import DISPATCH


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
        occurred_at=unix_time(envelope.get("created_at")),
        **{k: v for k, v in fields.items() if v is not None},
    )
