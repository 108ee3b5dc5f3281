"""A merchant's webhook receiver on loopback: records every request, answers a scripted
status (then 200), can hold an answer for a while, and can go down and come back on the
same port."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.net import free_port


@dataclass
class Hit:
    headers: dict[str, str]
    body: str
    status: int

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]


class MerchantReceiver:
    def __init__(self) -> None:
        self.port = free_port()
        self.hits: list[Hit] = []
        self.always: int | None = None
        self.by_type: dict[str, list[int]] = {}  # event type → scripted statuses
        self.arrived = 0  # requests that reached the handler (before any delay)
        self.delay_s = 0.0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length).decode()
                with receiver._lock:
                    receiver.arrived += 1
                kind = json.loads(body).get("type", "")
                if receiver.delay_s:
                    time.sleep(receiver.delay_s)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with receiver._lock:
                    scripted = receiver.by_type.get(kind)
                    status = scripted.pop(0) if scripted else 200
                    status = receiver.always or status
                    receiver.hits.append(Hit(headers, body, status))
                self.send_response(status)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                return

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def of(self, event_id: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.webhook_id == event_id]

    def acked(self) -> dict[str, Hit]:
        """The acknowledged deliveries by event id (the first 2xx of each)."""
        found: dict[str, Hit] = {}
        with self._lock:
            for h in self.hits:
                if 200 <= h.status < 300:
                    found.setdefault(h.webhook_id, h)
        return found
