"""Stopping a benchmark's own child process: SIGTERM, then a kill after a grace period."""

from __future__ import annotations

import asyncio

GRACE_S = 10.0


async def stop(proc: asyncio.subprocess.Process, *, grace_s: float = GRACE_S) -> None:
    """Stop ``proc`` unless it already exited; one that ignores SIGTERM is killed."""
    if proc.returncode is None:
        proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), timeout=grace_s)
        except TimeoutError:
            proc.kill()
            await proc.wait()
