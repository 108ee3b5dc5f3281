"""Watch the children and the signals: the first of "a child died" or "stop" wins.

SIGINT and SIGTERM only set a flag; the start-up waits and the watch loop check it
between short sleeps, so a stop during start-up is as clean as one after it. A child
that dies takes the whole stack down, naming itself, because half a stack silently
misbehaves (an API without a worker accepts checkouts nobody runs).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Mapping, Sequence
from types import FrameType
from typing import NoReturn

from sagas.devstack.processes.child import Child
from sagas.devstack.processes.stop import stop


class StopRequestedError(Exception):
    """SIGINT or SIGTERM arrived."""


class ChildDiedError(Exception):
    def __init__(self, child: Child, code: int) -> None:
        self.child = child
        self.code = code
        super().__init__(f"{child.name} exited with code {code}")


class Supervisor:
    def __init__(self) -> None:
        self.children: list[Child] = []
        self.stop_signal: int | None = None

    def install_signal_handlers(self) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, self._on_signal)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stop_signal = signum

    def start(self, name: str, argv: Sequence[str], env: Mapping[str, str]) -> Child:
        self.guard()
        child = Child(name, argv, env)
        self.children.append(child)
        return child

    def guard(self) -> None:
        """Raise if a stop was requested or any child has exited."""
        if self.stop_signal is not None:
            raise StopRequestedError
        for child in self.children:
            code = child.exit_code()
            if code is not None:
                raise ChildDiedError(child, code)

    def watch(self, interval_s: float = 0.25) -> NoReturn:
        """Block until a stop is requested or a child dies (both raise)."""
        while True:
            self.guard()
            time.sleep(interval_s)

    def stop_all(self, grace_s: float = 10.0) -> None:
        """Stop in reverse start order: the API goes first, Temporal last."""
        stop(list(reversed(self.children)), grace_s)
