"""Activity tests: one activity at a time in ``ActivityEnvironment``, wired as the worker
wires it, against the PSP simulator over HTTP through the real SDKs (no Temporal server)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from temporalio.testing import ActivityEnvironment

from sagas.activities.checkout.psp import CheckoutPspActivities
from sagas.deps import Deps
from tests.support.stack import built_deps, psp_settings, stack_settings


@pytest.fixture(scope="session")
async def psp_deps(database_url: str, sim: Any) -> AsyncIterator[Deps]:
    async with built_deps(stack_settings(database_url, **psp_settings(sim))) as deps:
        yield deps


@pytest.fixture
def checkout_psp(psp_deps: Deps) -> CheckoutPspActivities:
    return CheckoutPspActivities(psp_deps.sessions, psp_deps.gateways)


@pytest.fixture
def env() -> ActivityEnvironment:
    return ActivityEnvironment()
