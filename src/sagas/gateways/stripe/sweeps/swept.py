"""A swept Stripe object or payment, its amount back in ISO minor units."""

from __future__ import annotations

from typing import Any

from sagas.domain.gateway_objects import (
    SweptObject,
)
from sagas.domain.money import CurrencyError
from sagas.gateways.stripe import units


def _iso(amount: int, currency: Any) -> int:
    """Stripe's unit back to ISO minor units (ISK/UGX are x100 there)."""
    try:
        return units.from_stripe(amount, str(currency))
    except CurrencyError:
        return amount


def _optional_iso(amount: Any, obj: dict[str, Any]) -> int | None:
    return None if amount is None else _iso(int(amount), obj.get("currency"))


def _swept(obj: dict[str, Any], object_type: str, cid: str, **kw: Any) -> SweptObject:
    return SweptObject(
        object_type=object_type,
        object_id=obj["id"],
        checkout_id=cid,
        status=str(obj.get("status")),
        amount_minor=_optional_iso(obj.get("amount") or obj.get("amount_total"), obj),
        currency=str(obj.get("currency") or "").upper() or None,
        **kw,
    )


def _cid(obj: dict[str, Any]) -> str | None:
    meta = obj.get("metadata") or {}
    return meta.get("checkout_id") if isinstance(meta, dict) else None
