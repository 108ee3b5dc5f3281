"""FastAPI dependencies as ``Annotated`` aliases: the session, Temporal, settings, roles."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from api.auth import Principal, authenticate, require
from sagas.deps import Deps
from sagas.settings import Role, Settings


def get_deps(request: Request) -> Deps:
    deps: Deps = request.app.state.deps
    return deps


def get_settings_dep(request: Request) -> Settings:
    return get_deps(request).settings


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with get_deps(request).sessions() as session:
        yield session


async def get_temporal(request: Request) -> Client:
    temporal = request.app.state.temporal
    client: Client = await temporal.get()
    return client


def _admin(request: Request) -> Principal:
    return require(request, Role.ADMIN)


def _service(request: Request) -> Principal:
    return require(request, Role.SERVICE)


def _service_or_admin(request: Request) -> Principal:
    return require(request, Role.SERVICE, Role.ADMIN)


def _any_principal(request: Request) -> Principal:
    """Any API key, or another bearer token (a client_token) that the route checks itself."""
    return authenticate(request, allow_unknown_token=True)


_AUTH_CALLS = frozenset({_admin, _service, _service_or_admin, _any_principal})


def enforce_route_auth(request: Request) -> None:
    """Run the matched route's auth dependencies now (raises 401/403).

    FastAPI parses a JSON body before it solves dependencies, so a malformed body would
    answer 422 to a caller without credentials; the validation handler calls this first.
    """
    route = request.scope.get("route")
    pending = list(getattr(getattr(route, "dependant", None), "dependencies", []))
    for _ in range(100):  # bounded walk of the dependency tree
        if not pending:
            return
        dep = pending.pop()
        if dep.call in _AUTH_CALLS:
            dep.call(request)
        pending.extend(dep.dependencies)


AppDeps = Annotated[Deps, Depends(get_deps)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
TemporalDep = Annotated[Client, Depends(get_temporal)]
AdminOnly = Annotated[Principal, Depends(_admin)]
ServiceOnly = Annotated[Principal, Depends(_service)]
ServiceOrAdmin = Annotated[Principal, Depends(_service_or_admin)]
AnyBearer = Annotated[Principal, Depends(_any_principal)]
