"""An embedded stack for one benchmark run: what ``sagas dev`` starts, on free ports and
a throwaway data folder, stopped (every child, whatever happens) when the run ends.

It reuses the dev stack's own start sequence (:func:`sagas.devstack.throwaway.throwaway_stack`),
so the figures are those of the stack a developer runs, Temporal's tuning included.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from sagas.devstack.ports.free import free_ports
from sagas.devstack.throwaway import throwaway_stack
from sagas.settings import Settings


@dataclass(frozen=True)
class Embedded:
    api_url: str
    sim_url: str
    pids: dict[str, int]  # part -> pid (temporal, sim, worker, api)
    env: dict[str, str] = field(default_factory=dict)  # what the bench's own children get


@contextlib.contextmanager
def embedded_stack(settings: Settings, *, verbose: bool = False) -> Iterator[Embedded]:
    """Start Temporal, migrations, simulator, worker and API; yield where they are."""
    ports = free_ports(4)
    with throwaway_stack(settings, ports, prefix="sagas-bench-", verbose=verbose) as (plan, sup):
        pids = {c.name: c.pid for c in sup.children}
        yield Embedded(plan.api_url, plan.sim_url, pids, plan.child_env())
