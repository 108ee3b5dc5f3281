"""A parsed, verified Stripe event -> PspEvent; no I/O."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from sagas.domain.money import CurrencyError
from sagas.domain.psp_events import Gateway, PspEvent
from sagas.gateways.event_errors import IgnoredEvent
from sagas.gateways.event_fields import unix_time
from sagas.gateways.stripe import units
from sagas.gateways.stripe.events.dispatch import DISPATCH
from sagas.gateways.stripe.events.ids import _id


def _in_iso_units(fields: dict[str, Any]) -> dict[str, Any]:
    """Stripe's amount back in ISO minor units (its ISK/UGX are x100); an unknown
    currency leaves the amount as sent, for the settlement gate to refuse."""
    amount, currency = fields.get("amount_minor"), fields.get("currency")
    if amount is not None and currency is not None:
        with contextlib.suppress(CurrencyError):
            fields["amount_minor"] = units.from_stripe(amount, currency)
    return fields


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
    fields = _in_iso_units({k: v for k, v in extract(obj).items() if v is not None})
    return PspEvent(
        gateway=Gateway.STRIPE,
        event_id=str(event["id"]),
        event_type=event_type,
        kind=kind,
        object_id=str(_id(obj.get("id"))),
        occurred_at=unix_time(event.get("created")),
        **fields,
    )
