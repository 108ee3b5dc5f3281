"""The campaign's HTTP side: the API with the merchant's keys, and the simulator.

A call that meets a transient failure (a transport error, 502/503/504, a 409
``in_progress``) is sent again with the same body and Idempotency-Key, as a merchant's
backend would, within a bounded number of attempts and seconds. Every 500 the API ever
answers is kept: CONTRACT 8.9 says none may happen, under faults or not.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import httpx

RETRY_STATUS = {502, 503, 504}


@dataclass
class Api:
    client: httpx.AsyncClient
    sim: httpx.AsyncClient
    service: dict[str, str]
    admin: dict[str, str]
    server_errors: list[str] = field(default_factory=list)
    transport_errors: int = 0

    async def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        attempts: int = 8,
        timeout_s: float = 60.0,
    ) -> httpx.Response | None:
        """The last answer, or None when every attempt failed in transport."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        answer: httpx.Response | None = None
        for attempt in range(attempts):
            try:
                answer = await self.client.request(
                    method, path, json=json, headers=headers, params=params
                )
            except httpx.HTTPError:
                self.transport_errors += 1
                answer = None
            else:
                if answer.status_code == 500:
                    self.server_errors.append(f"{method} {path}: 500 {answer.text[:200]}")
                if answer.status_code not in RETRY_STATUS and not _in_progress(answer):
                    return answer
            if loop.time() + 2**attempt * 0.25 > deadline:
                break
            await asyncio.sleep(min(2**attempt * 0.25, 8.0))
        return answer

    async def sim_post(self, path: str, body: dict[str, Any]) -> httpx.Response | None:
        for _ in range(3):
            try:
                return await self.sim.post(path, json=body)
            except httpx.HTTPError:
                await asyncio.sleep(0.5)
        return None


def _in_progress(resp: httpx.Response) -> bool:
    if resp.status_code != 409:
        return False
    try:
        return bool(resp.json()["error"]["code"] == "in_progress")
    except (ValueError, KeyError, TypeError):
        return False
