"""Creating one catalogue object through the admin API; SetupError when it cannot."""

from __future__ import annotations

from typing import Any

from .http import Api


class SetupError(RuntimeError):
    """The catalogue could not be created: the API is not usable, nothing ran."""


async def _created(api: Api, path: str, body: dict[str, Any]) -> str:
    resp = await api.call("POST", path, json=body, headers=api.admin)
    if resp is None or resp.status_code != 201:
        said = "no answer" if resp is None else f"{resp.status_code} {resp.text[:200]}"
        raise SetupError(f"POST {path}: {said}")
    return str(resp.json()["id"])
