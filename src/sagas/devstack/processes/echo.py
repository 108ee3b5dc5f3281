"""Echoing a child's output with a ``[name]`` prefix."""

from __future__ import annotations

import sys
from typing import IO


def _echo_lines(name: str, stream: IO[bytes] | None) -> None:
    if stream is None:
        return
    prefix = f"[{name}] "
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        sys.stdout.write(prefix + line + "\n")
        sys.stdout.flush()
    stream.close()
