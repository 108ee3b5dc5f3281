"""A port the stack is about to listen on, and the setting that moves it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PortClaim:
    """A port the stack is about to listen on, and the setting that moves it."""

    label: str
    host: str
    port: int
    setting: str
