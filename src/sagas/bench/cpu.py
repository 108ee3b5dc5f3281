"""CPU time of the stack's processes, read from ``/proc/<pid>/stat`` (Linux only).

User plus system time of a process and its children (uvicorn or the Temporal CLI may run
the real work in a child). Read before and after a phase, the difference divided by the
flows completed is the CPU each flow cost each part: what the issue's "CPU per flow" means.
"""

from __future__ import annotations

import os
from pathlib import Path

from sagas.bench.memory import children

PROC = Path("/proc")
TICK_S = 1 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.01


def _own_seconds(pid: int) -> float | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: fields start after the last ')'.
    fields = text[text.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) * TICK_S  # utime, stime


def cpu_seconds(pid: int) -> float | None:
    """Seconds of CPU ``pid`` and its descendants used so far; None when unreadable."""
    total = _own_seconds(pid)
    if total is None:
        return None
    for child in children(pid):
        total += cpu_seconds(child) or 0.0
    return total


def snapshot(pids: dict[str, int]) -> dict[str, float]:
    out: dict[str, float] = {}
    for part, pid in pids.items():
        got = cpu_seconds(pid)
        if got is not None:
            out[part] = got
    return out


def per_flow_ms(before: dict[str, float], after: dict[str, float], flows: int) -> dict[str, float]:
    """Milliseconds of CPU per completed flow for every part read at both ends."""
    if flows <= 0:
        return {}
    return {
        part: round((after[part] - before[part]) * 1000 / flows, 1)
        for part in before
        if part in after
    }
