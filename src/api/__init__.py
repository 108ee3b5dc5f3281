"""The HTTP API (FastAPI): starts flows, takes webhooks, serves reads and operator tools."""
