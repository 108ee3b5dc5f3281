"""The statuses every route of a kind answers, derived from the route itself.

401/403 from its auth dependency, 404 from a path parameter, 422 from any input, 503
from the database or Temporal: no route has to repeat them.
"""

from __future__ import annotations

from typing import Any

from fastapi.dependencies.models import Dependant

from api import deps


def _calls(dependant: Dependant) -> set[Any]:
    found: set[Any] = set()
    pending = [dependant]
    for _ in range(1000):  # bounded walk of the dependency tree
        if not pending:
            break
        dep = pending.pop()
        if dep.call is not None:
            found.add(dep.call)
        pending.extend(dep.dependencies)
    return found


def implied_statuses(dependant: Dependant) -> set[int]:
    """The statuses a route answers because of what it depends on."""
    calls = _calls(dependant)
    statuses: set[int] = set()
    if calls & {deps._admin, deps._service, deps._service_or_admin, deps._any_principal}:
        statuses |= {401, 403}
    if dependant.path_params:
        statuses.add(404)
    if dependant.body_params:
        statuses.add(400)  # a body that is not even JSON (FastAPI's parse error)
    if (
        dependant.path_params
        or dependant.query_params
        or dependant.header_params
        or dependant.body_params
    ):
        statuses.add(422)
    if calls & {deps.get_session, deps.get_temporal}:
        statuses.add(503)
    return statuses
