"""The webhook path's short write transactions; on SQLite, committed together.

SQLite has one write lock per database, so intake's writes are serialised however they
are issued, and under a burst that serial section is the ceiling: each transaction pays
its connection checkout, ``BEGIN``, ``COMMIT`` (a WAL sync) and a round trip to the
driver's thread per statement; connections that find the lock taken sleep in SQLite's
busy handler (1, 2, 5 … 100 ms) while it may already be free. Here every write is a
*job* (a coroutine over a Core connection, database statements only: no ORM session,
whose bookkeeping costs more CPU than the statements); on SQLite the jobs waiting
when the previous transaction ends run one after another in one transaction, one commit
(group commit). A job's caller hears back only once that commit succeeded. If any job of
a batch fails, the batch is rolled back and each of its jobs runs again alone, so one bad
job fails only itself. PostgreSQL locks rows and commits concurrently: there each job is
its own transaction.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

T = TypeVar("T")
Job = Callable[[AsyncConnection], Awaitable[T]]

#: Jobs per transaction at most (a burst of 50 connections commits in one or two).
MAX_BATCH = 64


async def run(sessions: async_sessionmaker[AsyncSession], job: Job[T]) -> T:
    """Run ``job`` in a committed transaction and return what it returned."""
    batcher = _batcher(sessions)
    if batcher is None:
        async with engine_of(sessions).begin() as conn:
            return await job(conn)
    result: T = await batcher.submit(job)
    return result


@dataclass
class _Pending:
    job: Job[Any]
    done: asyncio.Future[Any]


class _Batcher:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._queue: list[_Pending] = []
        self._drainer: asyncio.Task[None] | None = None

    async def submit(self, job: Job[T]) -> T:
        pending = _Pending(job, asyncio.get_running_loop().create_future())
        self._queue.append(pending)
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain(), name="webhook-writes")
        result: T = await pending.done
        return result

    async def _drain(self) -> None:
        batch: list[_Pending] = []
        try:
            while self._queue:
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
                if not await self._commit(batch):
                    for one in batch:  # isolate the failure: each job alone
                        await self._commit([one])
                batch = []
        except BaseException as err:  # cancelled (shutdown): nobody may wait forever
            for pending in [*batch, *self._queue]:
                _fail(pending, err)
            self._queue = []
            raise

    async def _commit(self, batch: list[_Pending]) -> bool:
        """Run the batch in one transaction; False (rolled back) if any job failed and
        the batch had more than one job (the caller retries them alone)."""
        results: list[Any] = []
        try:
            async with engine_of(self._sessions).begin() as conn:
                for pending in batch:
                    results.append(await pending.job(conn))
        except Exception as err:
            if len(batch) > 1:
                return False
            _fail(batch[0], err)
            return True
        for pending, result in zip(batch, results, strict=True):
            if not pending.done.done():  # its caller may have gone away
                pending.done.set_result(result)
        return True


def _fail(pending: _Pending, err: BaseException) -> None:
    if not pending.done.done():
        if isinstance(err, asyncio.CancelledError):
            pending.done.cancel()
        else:
            pending.done.set_exception(err)


#: One batcher per (session factory, event loop): futures and tasks belong to one loop.
_BATCHERS: weakref.WeakKeyDictionary[
    async_sessionmaker[AsyncSession], dict[asyncio.AbstractEventLoop, _Batcher]
] = weakref.WeakKeyDictionary()


def engine_of(sessions: async_sessionmaker[AsyncSession]) -> AsyncEngine:
    """The engine the session factory is bound to (intake runs Core statements on it)."""
    bind = sessions.kw.get("bind")
    if not isinstance(bind, AsyncEngine):
        raise TypeError("the webhook pipeline needs a session factory bound to an engine")
    return bind


def _batcher(sessions: async_sessionmaker[AsyncSession]) -> _Batcher | None:
    if engine_of(sessions).dialect.name != "sqlite":
        return None
    per_loop = _BATCHERS.setdefault(sessions, {})
    loop = asyncio.get_running_loop()
    batcher = per_loop.get(loop)
    if batcher is None:
        for gone in [known for known in per_loop if known.is_closed()]:
            del per_loop[gone]
        batcher = per_loop[loop] = _Batcher(sessions)
    return batcher
