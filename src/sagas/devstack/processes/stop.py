"""Stopping children: the whole group is signalled, so anything a child spawned goes too,
and a child that ignores SIGTERM is killed after a bounded grace period."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Sequence

from sagas.devstack.processes.child import Child
from sagas.devstack.processes.groups import group_members


def stop(children: Sequence[Child], grace_s: float = 10.0) -> None:
    """SIGTERM each group (in the order given), then SIGKILL whatever outlives the grace."""
    for child in children:
        if child.exit_code() is None:
            child.signal_group(signal.SIGTERM)
            _wait(child, grace_s)
        # The leader may be gone while something it spawned still holds the group.
        if child.exit_code() is None or group_members(child.pid):
            child.signal_group(signal.SIGKILL)
        code = child.proc.wait()
        child.join_output()
        if code not in (0, -signal.SIGTERM, -signal.SIGKILL):
            print(f"sagas dev: {child.name} stopped with exit code {code}", flush=True)


def _wait(child: Child, timeout_s: float) -> None:
    try:
        child.proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        print(f"sagas dev: {child.name} did not stop in {timeout_s:.0f} s; killing it")
