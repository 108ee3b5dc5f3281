"""Workflow tests: the time-skipping test server, activities replaced by stubs.

Each test registers stubs under the real activity names (``@activity.defn(name=...)``)
and runs one workflow on its own task queue, so a branch (a deadline, a mismatch, an
operator's action) is exercised in milliseconds without PSPs or a database. The whole
stack is the business of ``tests/e2e``-style suites elsewhere.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from google.protobuf.empty_pb2 import Empty
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from tests.support.temporal import register_search_attributes, start_time_skipping


@pytest.fixture(scope="session")
async def skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    env = await start_time_skipping()
    await register_search_attributes(env.client)
    try:
        yield env
    finally:
        await env.shutdown()


@pytest.fixture
def client(skipping_env: WorkflowEnvironment) -> Client:
    return skipping_env.client


@pytest.fixture
def queue() -> str:
    return f"wf-{uuid.uuid4().hex[:8]}"


async def server_now(client: Client) -> datetime:
    """The time-skipping server's clock, which runs ahead of the wall clock once any test
    has skipped a timer: deadlines made from ``datetime.now()`` would already be past."""
    resp = await client.test_service.get_current_time(Empty())
    return resp.time.ToDatetime().replace(tzinfo=UTC)
