"""Start the ceiling worker as a child process and wait for it to poll; stop it after."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator

from sagas.bench.children import stop
from sagas.bench.errors import BenchError

READY_S = 60.0


@contextlib.asynccontextmanager
async def ceiling_worker(task_queue: str, env: dict[str, str]) -> AsyncIterator[int]:
    """Yield the worker's pid once it says ``ready``; always stopped (SIGTERM, then kill)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sagas.bench.ceiling.worker",
        task_queue,
        env={**os.environ, **env},
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        try:
            line = await asyncio.wait_for(proc.stdout.readline(), timeout=READY_S)
        except TimeoutError:
            line = b""
        if line.strip() != b"ready":
            raise BenchError("the ceiling worker did not start (is Temporal reachable?)")
        yield proc.pid
    finally:
        await stop(proc)
