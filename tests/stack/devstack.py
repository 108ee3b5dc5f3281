"""Run ``sagas dev`` as a real subprocess on free ports with its own data folder.

The stack's process tree is read from ``/proc`` (no psutil): every process whose chain
of parents leads to the ``sagas dev`` pid, recorded while it runs, so a test can prove
that none of them outlives the stop.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.net import free_port

READY_TIMEOUT_S = 180.0  # a loaded CI machine starts four processes slowly
STOP_TIMEOUT_S = 60.0


def distinct_free_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


def sagas_command() -> list[str]:
    script = Path(sys.executable).parent / "sagas"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "sagas.cli"]


def simulator_available() -> bool:
    return importlib.util.find_spec("pspsim.server") is not None


def _parents() -> dict[int, int]:
    table: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        table[int(entry)] = int(fields[1])
    return table


def descendants(root: int) -> set[int]:
    parents = _parents()
    found: set[int] = set()
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if pid not in found and (ppid == root or ppid in found):
                found.add(pid)
                changed = True
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


class DevStack:
    def __init__(self, data_dir: Path, log_path: Path, *, sim: bool | None = None) -> None:
        api, sim_port, temporal, ui, metrics = distinct_free_ports(5)
        self.api_port, self.sim_port, self.temporal_port, self.ui_port = api, sim_port, temporal, ui
        self.worker_metrics_port = metrics
        self.data_dir = data_dir
        self.log_path = log_path
        self.sim = simulator_available() if sim is None else sim
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("TEMPORAL_", "PSP_", "WORKER_METRICS_"))
        }
        for name in ("DATABASE_URL", "STRIPE_API_BASE", "RAZORPAY_API_BASE", "API_HOST"):
            env.pop(name, None)
        env.update(
            API_PORT=str(api),
            PSP_SIM_PORT=str(sim_port),
            TEMPORAL_ADDRESS=f"127.0.0.1:{temporal}",
            TEMPORAL_UI_PORT=str(ui),
            WORKER_METRICS_PORT=str(metrics),
            PSP_SIMULATOR="on" if self.sim else "off",
            SAGAS_DATA_DIR=str(data_dir),
            SAGAS_ENV="development",
        )
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def temporal_address(self) -> str:
        return f"127.0.0.1:{self.temporal_port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [*sagas_command(), "dev"],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        assert self.proc is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                code = self.proc.returncode
                raise AssertionError(f"sagas dev exited {code}:\n{self.log()[-4000:]}")
            if "the stack is up" in self.log():
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{self.api_url}/readyz", timeout=2).status_code == 200:
                        return
            time.sleep(0.5)
        raise AssertionError(f"sagas dev not ready in {timeout_s:.0f} s:\n{self.log()[-4000:]}")

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = STOP_TIMEOUT_S) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill_tree()
            raise AssertionError(f"sagas dev did not stop in {timeout_s:.0f} s") from None

    def kill_tree(self) -> None:
        """Last resort for a failed test: kill what this stack started, and only that."""
        if self.proc is None:
            return
        for pid in descendants(self.proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.proc.kill()
        self.proc.wait(timeout=10)
