"""The composition root: builds the real adapters (database, PSP gateways) once per process.

The worker and the API both take a :class:`Deps`; tests build one pointing at a throwaway
database and the PSP simulator. Nothing here connects at import time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from sagas.db.engine import make_engine, make_session_factory
from sagas.gateways.clients import GatewayClients
from sagas.settings import Settings


@dataclass
class Deps:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    gateways: GatewayClients = field(repr=False)

    @classmethod
    def build(cls, settings: Settings) -> Deps:
        engine = make_engine(settings.database_url)
        return cls(
            settings=settings,
            engine=engine,
            sessions=make_session_factory(engine),
            gateways=GatewayClients.from_settings(settings),
        )

    async def aclose(self) -> None:
        await self.engine.dispose()
