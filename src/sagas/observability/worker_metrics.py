"""The worker's ``/metrics``: Temporal's SDK metrics and the product's counters, one port.

Temporal's Rust core can only serve its own Prometheus endpoint, so the worker gives it a
private one on 127.0.0.1 and, on every scrape of ``WORKER_METRICS_PORT``, reads it and
appends its text, unchanged, to prometheus_client's registry. The endpoint answering is the
worker's liveness probe; ``sagas_worker_temporal_metrics_up`` says whether the SDK part
could be read.
"""

from __future__ import annotations

import socket
import threading
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

SCRAPE_TIMEOUT_S = 2.0


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def temporal_runtime(port: int) -> Runtime:
    """A Temporal runtime whose SDK metrics are served on ``127.0.0.1:port`` only."""
    return Runtime(
        telemetry=TelemetryConfig(metrics=PrometheusConfig(bind_address=f"127.0.0.1:{port}"))
    )


def merged_exposition(temporal_url: str) -> bytes:
    """Our registry, the up gauge, then Temporal's text exactly as its core wrote it."""
    try:
        with urllib.request.urlopen(temporal_url, timeout=SCRAPE_TIMEOUT_S) as answer:
            temporal = answer.read()
        up = 1
    except OSError:
        temporal, up = b"", 0
    gauge = (
        b"# HELP sagas_worker_temporal_metrics_up 1 when the Temporal SDK's metrics "
        b"could be read for this scrape.\n# TYPE sagas_worker_temporal_metrics_up gauge\n"
        + f"sagas_worker_temporal_metrics_up {up}\n".encode()
    )
    return generate_latest(REGISTRY) + gauge + temporal


def _handler(temporal_url: str) -> type[BaseHTTPRequestHandler]:
    class MetricsHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?")[0] not in ("/metrics", "/"):
                self.send_error(404)
                return
            body = merged_exposition(temporal_url)
            self.send_response(200)
            self.send_header("Content-Type", CONTENT_TYPE_LATEST)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return  # a scrape every few seconds is not worth a log line

    return MetricsHandler


@dataclass
class WorkerMetrics:
    """What :func:`start_worker_metrics` started: the runtime for the client, the server."""

    runtime: Runtime
    port: int
    server: ThreadingHTTPServer

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_worker_metrics(host: str, port: int) -> WorkerMetrics:
    """Serve ``/metrics`` on ``host:port`` (0 picks a free port) and make the runtime."""
    internal = free_loopback_port()
    runtime = temporal_runtime(internal)
    server = ThreadingHTTPServer((host, port), _handler(f"http://127.0.0.1:{internal}/metrics"))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="worker-metrics", daemon=True).start()
    return WorkerMetrics(runtime, server.server_address[1], server)
