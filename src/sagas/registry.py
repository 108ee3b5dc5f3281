"""What the worker hosts: every workflow class and every activity, wired to real adapters.

Each saga adds its workflows to :func:`workflows` and its activity objects to
:func:`activities`. Activities are methods of classes that take their adapters from
:class:`~sagas.deps.Deps`, so tests can wire the same classes to the simulator.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sagas.deps import Deps


def workflows() -> Sequence[type]:
    found: list[type] = []
    from sagas.workflows.checkout import CheckoutWorkflow  # checkout saga

    found += [CheckoutWorkflow]
    return found


def activities(deps: Deps) -> Sequence[Callable[..., Any]]:
    found: list[Callable[..., Any]] = []
    from sagas.activities.checkout import checkout_activities  # checkout saga

    found += checkout_activities(deps)
    return found
