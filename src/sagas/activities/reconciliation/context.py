"""What a repair reaches: the database, Temporal, the settings, and the workflow types
this worker hosts (None: any; a restart of a type it does not host is refused)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from sagas.settings import Settings


@dataclass(frozen=True)
class RepairContext:
    sessions: async_sessionmaker[AsyncSession]
    client: Client
    settings: Settings
    hosted: Collection[str] | None = None
