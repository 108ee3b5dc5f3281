"""Fixtures for the whole-stack tests: a ``sagas dev`` that is always cleaned up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.stack.devstack import DevStack


@pytest.fixture
def dev_stack(tmp_path: Path) -> Iterator[Callable[..., DevStack]]:
    """Make ``DevStack`` objects on one data folder; any left running is killed after."""
    made: list[DevStack] = []

    def make(sim: bool | None = None) -> DevStack:
        stack = DevStack(tmp_path / "data", tmp_path / f"dev-{len(made)}.log", sim=sim)
        made.append(stack)
        return stack

    yield make
    for stack in made:
        if stack.proc is not None and stack.proc.poll() is None:
            stack.kill_tree()
