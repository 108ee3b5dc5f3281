"""A lazily connected Temporal client shared by the API's requests.

The API starts even when Temporal is down (``/healthz`` answers, ``/readyz`` says not
ready); the first request that needs Temporal connects, and a failure is a 503.
"""

from __future__ import annotations

import asyncio

from temporalio.client import Client

from api.errors import ApiError
from sagas.settings import Settings
from sagas.temporal.client import connect


class TemporalLink:
    def __init__(self, settings: Settings, client: Client | None = None) -> None:
        self._settings = settings
        self._client = client
        self._lock = asyncio.Lock()

    async def get(self) -> Client:
        if self._client is not None:
            return self._client
        async with self._lock:
            if self._client is None:
                try:
                    self._client = await asyncio.wait_for(connect(self._settings), timeout=5)
                except Exception as err:
                    raise ApiError(
                        503, "service_unavailable", "workflow service unavailable"
                    ) from err
        return self._client
