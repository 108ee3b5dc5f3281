"""The live members of a process group (Linux ``/proc``)."""

from __future__ import annotations

import os


def group_members(pgid: int) -> list[int]:
    """Live pids in process group ``pgid`` (Linux ``/proc``; empty elsewhere)."""
    members: list[int] = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("utf-8", "replace")
        except OSError:
            continue
        # Fields after the parenthesised command name: state ppid pgrp ...
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry))
    return members
