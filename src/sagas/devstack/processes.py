"""Child processes that are always stopped: each in its own process group.

A child runs in a new session, so a Ctrl-C in the terminal reaches only the supervisor,
which then stops the children in order (API first, Temporal last) rather than all at
once. Stopping signals the whole group, so anything a child spawned goes too, and a
child that ignores SIGTERM is killed after a bounded grace period.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from typing import IO


class Child:
    """One supervised process whose output is echoed with a ``[name]`` prefix."""

    def __init__(self, name: str, argv: Sequence[str], env: Mapping[str, str]) -> None:
        self.name = name
        self.argv = list(argv)
        self.started_at = time.time()
        self.proc = subprocess.Popen(
            self.argv,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._echo = threading.Thread(
            target=_echo_lines, args=(name, self.proc.stdout), daemon=True
        )
        self._echo.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def exit_code(self) -> int | None:
        return self.proc.poll()

    def signal_group(self, sig: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)

    def join_output(self, timeout: float = 2.0) -> None:
        self._echo.join(timeout)


def _echo_lines(name: str, stream: IO[bytes] | None) -> None:
    if stream is None:
        return
    prefix = f"[{name}] "
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        sys.stdout.write(prefix + line + "\n")
        sys.stdout.flush()
    stream.close()


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


def group_members(pgid: int) -> list[int]:
    """Live pids in process group ``pgid`` (Linux ``/proc``; empty elsewhere)."""
    members: list[int] = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("utf-8", "replace")
        except OSError:
            continue
        # Fields after the parenthesised command name: state ppid pgrp ...
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry))
    return members


def _wait(child: Child, timeout_s: float) -> None:
    try:
        child.proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        print(f"sagas dev: {child.name} did not stop in {timeout_s:.0f} s; killing it")
