"""The one Temporal client factory: settings → connected client with the Pydantic converter."""

from __future__ import annotations

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import Runtime

from sagas.observability.temporal_client import client_interceptors
from sagas.settings import Settings


async def connect(settings: Settings, *, runtime: Runtime | None = None) -> Client:
    """Connect; ``runtime`` carries the worker's metrics (the API uses the default one)."""
    api_key = settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else None
    return await Client.connect(
        settings.temporal_address,
        namespace=settings.temporal_namespace,
        data_converter=pydantic_data_converter,
        tls=settings.temporal_tls or api_key is not None,
        api_key=api_key,
        interceptors=client_interceptors(),
        runtime=runtime,
    )
