"""Whether the dev server answers, and whether a worker polls a task queue."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime

from sagas.devstack.temporal_server.cli import _run


def healthy(cli: str, address: str) -> bool:
    """``temporal operator cluster health`` answers SERVING."""
    try:
        done = _run(cli, ["operator", "cluster", "health"], address)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0 and "SERVING" in done.stdout


def worker_polling(cli: str, address: str, namespace: str, task_queue: str, since: float) -> bool:
    """Some worker has polled ``task_queue`` since ``since`` (a Unix time).

    The time bound tells the new worker from a previous run's pollers, which the server
    keeps listing for a few minutes after they are gone.
    """
    args = ["task-queue", "describe", "-n", namespace, "-t", task_queue, "-o", "json"]
    try:
        done = _run(cli, args, address)
        if done.returncode != 0:
            return False
        pollers = json.loads(done.stdout).get("pollers") or []
    except (subprocess.TimeoutExpired, ValueError):
        return False
    floor = datetime.fromtimestamp(int(since), UTC)
    for poller in pollers:
        stamp = str(poller.get("lastAccessTime", ""))[:19]
        try:
            if datetime.fromisoformat(stamp).replace(tzinfo=UTC) >= floor:
                return True
        except ValueError:
            continue
    return False
