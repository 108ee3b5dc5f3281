"""Running the simulator inside a test process.

    with running_simulator() as sim:
        client = stripe.StripeClient("sk_test_sagas_dev", base_addresses={"api": sim.stripe_base})
        rzp = razorpay.Client(auth=(sim.config.razorpay_key_id, sim.config.razorpay_key_secret),
                              base_url=sim.razorpay_base)

The server runs in a background thread on a free loopback port (unless the config asks
for one) and stops when the block ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import httpx

from pspsim.config import SimConfig
from pspsim.server import build_server

STARTUP_TIMEOUT_S = 10.0


@dataclass
class SimHandle:
    base_url: str
    config: SimConfig
    app: Any

    @property
    def stripe_base(self) -> str:
        return f"{self.base_url}/stripe"

    @property
    def razorpay_base(self) -> str:
        return f"{self.base_url}/razorpay"

    @property
    def sim(self) -> Any:
        """The in-process state (`pspsim.state.Sim`), for assertions a test cannot make
        over HTTP; prefer the control API."""
        return self.app.state.sim

    def control(self, method: str, path: str, json: Any = None) -> httpx.Response:
        """Call the `/_sim/` control API (`path` without the `/_sim` prefix)."""
        return httpx.request(method, f"{self.base_url}/_sim{path}", json=json, timeout=10)


@contextmanager
def running_simulator(config: SimConfig | None = None) -> Iterator[SimHandle]:
    """Start the simulator in a thread; yields a handle; stops it cleanly on exit."""
    cfg = replace(config) if config else SimConfig(port=0)
    server, sock, bound = build_server(cfg)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("PSP simulator did not start")
        time.sleep(0.01)
    assert bound.public_base_url is not None
    try:
        yield SimHandle(bound.public_base_url, bound, server.config.app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
