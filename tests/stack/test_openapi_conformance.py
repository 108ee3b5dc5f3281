"""Schemathesis with ``--checks all`` over the running dev stack finds nothing (CONTRACT 15).

Bounded: a fixed seed and a few examples per operation (a few hundred to a few thousand
cases in all, a couple of minutes). What a JSON schema cannot state is configured, with
the reason, in ``schemathesis.toml`` next to this file; everything else (undocumented
statuses, response shapes, ``Allow``, schema-violating requests accepted, any 500) fails.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.stack.devstack import DevStack

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

HERE = Path(__file__).parent


def test_schemathesis_checks_all_finds_nothing(
    dev_stack: Callable[..., DevStack], tmp_path: Path
) -> None:
    stack = dev_stack()
    stack.start()
    stack.wait_ready()
    schemathesis = Path(sys.executable).parent / "schemathesis"
    done = subprocess.run(
        [
            str(schemathesis),
            "--no-color",
            "--config-file",
            str(HERE / "schemathesis.toml"),
            "run",
            f"{stack.api_url}/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "4",
            "--seed",
            "20261201",
            "--workers",
            "1",
            "--request-timeout",
            "60",
        ],
        capture_output=True,
        text=True,
        timeout=1080,
        cwd=tmp_path,
    )
    stack.stop(signal.SIGTERM)
    assert done.returncode == 0, done.stdout[-12000:] + done.stderr[-3000:]
    assert "Test cases:" in done.stdout
