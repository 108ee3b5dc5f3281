"""A loopback webhook receiver for the simulator tests.

It records every delivery (path, headers, raw body) and answers with a scripted status:
by default 200, or a list of statuses consumed per request, so a test can make the
first attempts fail and watch the simulator retry.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str
    at: float

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Receiver:
    """Collects deliveries; `statuses` scripts the next answers (then 200)."""

    def __init__(self) -> None:
        self.items: list[Received] = []
        self.statuses: list[int] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length).decode()
                with receiver._lock:
                    receiver.items.append(
                        Received(self.path, dict(self.headers.items()), body, time.monotonic())
                    )
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def clear(self) -> None:
        with self._lock:
            self.items.clear()
            self.statuses.clear()

    def of(self, gateway: str) -> list[Received]:
        with self._lock:
            return [r for r in self.items if r.path.startswith(f"/{gateway}")]

    def stripe_events(self, type_: str | None = None) -> list[dict[str, Any]]:
        events = [r.json for r in self.of("stripe")]
        return [e for e in events if type_ is None or e["type"] == type_]

    def razorpay_events(self, type_: str | None = None) -> list[dict[str, Any]]:
        events = [r.json for r in self.of("razorpay")]
        return [e for e in events if type_ is None or e["event"] == type_]


def wait_for(predicate: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02) -> Any:
    """Poll `predicate` until it is truthy or `timeout` passes (then fail)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)


@dataclass
class Poll:
    """Bounded iteration helper for loops in tests."""

    timeout: float

    def __iter__(self) -> Iterator[int]:
        deadline = time.monotonic() + self.timeout
        n = 0
        while time.monotonic() < deadline:
            yield n
            n += 1
            time.sleep(0.02)
