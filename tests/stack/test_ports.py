"""A taken port stops ``sagas dev`` before it starts anything: one clear line, exit 2."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.stack.devstack import DevStack, sagas_command

LABELS = {
    "API_PORT": "API",
    "PSP_SIM_PORT": "PSP simulator",
    "TEMPORAL_ADDRESS": "Temporal",
    "TEMPORAL_UI_PORT": "Temporal UI",
}


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


@pytest.mark.parametrize("setting", list(LABELS))
def test_taken_port_is_one_clear_line_and_exit_2(
    setting: str, listener: socket.socket, tmp_path: Path
) -> None:
    label = LABELS[setting]
    taken: int = listener.getsockname()[1]
    stack = DevStack(tmp_path / "data", tmp_path / "dev.log", sim=True)
    env = dict(stack.env)
    env[setting] = f"127.0.0.1:{taken}" if setting == "TEMPORAL_ADDRESS" else str(taken)

    done = subprocess.run(
        [*sagas_command(), "dev"], env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 2, done
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip() == (
        f"sagas dev: port {taken} ({label}) is already in use; set {setting}"
    )
    assert not (tmp_path / "data").exists(), "nothing may start before the ports are checked"


def test_two_parts_on_one_port_is_refused(tmp_path: Path) -> None:
    stack = DevStack(tmp_path / "data", tmp_path / "dev.log", sim=True)
    env = dict(stack.env, PSP_SIM_PORT=str(stack.api_port))

    done = subprocess.run(
        [*sagas_command(), "dev"], env=env, capture_output=True, text=True, timeout=60
    )

    assert done.returncode == 2
    assert f"port {stack.api_port} is set for both API and PSP simulator" in done.stderr
    assert "Traceback" not in done.stderr
