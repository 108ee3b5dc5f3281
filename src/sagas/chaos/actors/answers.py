"""Small helpers for the actors' API calls: idempotency keys, the payer, what an answer said."""

from __future__ import annotations

from typing import Any

from pspsim.client.payer import PayerRequest

from ..http import Api


async def _payer(api: Api, request: PayerRequest) -> None:
    await api.sim_post(request.path, request.body)


def _key(headers: dict[str, str], key: str) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


def _details(resp: Any) -> dict[str, Any]:
    try:
        details = resp.json()["error"].get("details") or {}
    except (AttributeError, ValueError, KeyError, TypeError):
        return {}
    return details if isinstance(details, dict) else {}


def _said(resp: Any) -> str:
    return "no answer" if resp is None else f"{resp.status_code} {resp.text[:160]}"
