"""``sagas bench --webhooks``: webhook ingest of the product against a bare endpoint."""
