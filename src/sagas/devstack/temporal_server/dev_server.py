"""The embedded Temporal: ``temporal server start-dev`` tuned for one machine.

The flags are CONTRACT section 2's measured tuning (WAL SQLite, one task-queue
partition, faster task processors).
"""

from __future__ import annotations

from pathlib import Path

from sagas.temporal.search_attributes import SEARCH_ATTRIBUTES

TUNING = [
    "--sqlite-pragma", "journal_mode=wal",
    "--sqlite-pragma", "synchronous=normal",
    "--dynamic-config-value", "matching.numTaskqueueReadPartitions=1",
    "--dynamic-config-value", "matching.numTaskqueueWritePartitions=1",
    "--dynamic-config-value", "history.transferProcessorMaxPollRPS=1000",
    "--dynamic-config-value", "history.timerProcessorMaxPollRPS=1000",
    "--dynamic-config-value", "history.visibilityProcessorMaxPollRPS=1000",
]  # fmt: skip


def split_address(address: str) -> tuple[str, int]:
    """``host:port`` → (host, port); a bare host means Temporal's default port 7233."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit():
        return address or "localhost", 7233
    return host or "localhost", int(port)


def bind_ip(host: str) -> str:
    """Bind the loopback address for ``localhost``, so the port check tests what binds."""
    return "127.0.0.1" if host == "localhost" else host


def start_dev_argv(
    cli: str, *, db_file: Path, host: str, port: int, ui_port: int, namespace: str
) -> list[str]:
    argv = [cli, "server", "start-dev", "--db-filename", str(db_file)]
    argv += ["--ip", bind_ip(host), "--port", str(port), "--ui-port", str(ui_port)]
    argv += ["--namespace", namespace, "--ui-disable-news-fetch", "--log-level", "error"]
    argv += TUNING
    for name, kind in SEARCH_ATTRIBUTES.items():
        argv += ["--search-attribute", f"{name}={kind}"]
    return argv
