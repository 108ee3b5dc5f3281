"""The adapters an activity class is built with (injected, wired once by the worker):
database sessions, the PSP gateways by name, the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sagas.gateways.registry import GatewayRegistry

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from sagas.gateways.clients import GatewayClients
    from sagas.settings import Settings


class WithAdapters:
    """Base of an activity class that reads the database, calls PSPs and reads settings."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        gateways: GatewayClients,
        settings: Settings,
    ) -> None:
        self._sessions = sessions
        self._gw = GatewayRegistry(gateways)
        self._settings = settings
