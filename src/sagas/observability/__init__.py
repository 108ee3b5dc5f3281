"""Operating the service (CONTRACT section 15): metrics, structured logs, traces.

- :mod:`.metrics`: the product's Prometheus counters, shared by the API and the worker.
- :mod:`.worker_metrics`: the worker's ``/metrics`` (Temporal's SDK metrics merged in).
- :mod:`.logs`: ``LOG_FORMAT=json`` and the correlation fields carried in context.
- :mod:`.tracing`: OpenTelemetry, only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set.
"""
