"""The ceiling's own worker, a process of its own like the product's worker (so its CPU
is read apart and it never shares an event loop with the load it answers).

``python -m sagas.bench.ceiling.worker <task queue>``: connects with the settings of the
environment (the same Temporal address and namespace as the product), prints ``ready``
once it polls, and stops on SIGTERM/SIGINT or when its stdin closes (its parent died).
"""

from __future__ import annotations

import asyncio
import signal
import sys

from temporalio.worker import Worker

from sagas.bench.ceiling.activities import noop_step
from sagas.bench.ceiling.workflow import NoopSaga
from sagas.settings import Settings
from sagas.temporal.client import connect


async def serve(task_queue: str) -> None:
    client = await connect(Settings())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.read(1) else None)
    async with Worker(client, task_queue=task_queue, workflows=[NoopSaga], activities=[noop_step]):
        print("ready", flush=True)
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1]))
