"""Resident memory of the worker and API processes, read from ``/proc`` (Linux only).

``VmRSS`` is what the process holds now, ``VmHWM`` its peak; for a process tree (uvicorn
or the worker may fork helpers) the children are summed in, found through each
process's ``PPid``.
"""

from __future__ import annotations

from pathlib import Path

PROC = Path("/proc")


def _status(pid: int) -> dict[str, str]:
    try:
        text = (PROC / str(pid) / "status").read_text()
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        out[key] = value.strip()
    return out


def _kib(value: str | None) -> int:
    return int(value.split()[0]) if value else 0


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (by their ``PPid``)."""
    found: list[int] = []
    try:
        entries = list(PROC.iterdir())
    except OSError:
        return found
    for entry in entries:
        if entry.name.isdigit() and _status(int(entry.name)).get("PPid") == str(pid):
            found.append(int(entry.name))
    return found


def rss_mib(pid: int) -> dict[str, float] | None:
    """``{"rss", "peak"}`` in MiB for ``pid`` and its children; None when unreadable."""
    top = _status(pid)
    if not top:
        return None
    rss, peak = _kib(top.get("VmRSS")), _kib(top.get("VmHWM"))
    for child in children(pid):
        st = _status(child)
        rss, peak = rss + _kib(st.get("VmRSS")), peak + _kib(st.get("VmHWM"))
    return {"rss": round(rss / 1024, 1), "peak": round(peak / 1024, 1)}


def measure(pids: dict[str, int]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for part, pid in pids.items():
        got = rss_mib(pid)
        if got is not None:
            out[part] = got
    return out
