"""One supervised child process, in its own process group: a Ctrl-C in the terminal
reaches only the supervisor, which stops the children in order (API first, Temporal last)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence

from sagas.devstack.processes.echo import _echo_lines


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
