"""Running the simulator: `serve(config)` blocks under uvicorn (what `sagas sim` calls)."""

from __future__ import annotations

import socket

import uvicorn

from pspsim.app import create_app
from pspsim.config import SimConfig


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 picks a free one, which the caller can then read."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def build_server(config: SimConfig) -> tuple[uvicorn.Server, socket.socket, SimConfig]:
    """A uvicorn server on a bound socket, with `config.port` set to the real port."""
    sock = bind_socket(config.host, config.port)
    port = sock.getsockname()[1]
    bound = SimConfig(**{**config.__dict__, "port": port})
    if bound.public_base_url is None:
        host = "127.0.0.1" if config.host in ("0.0.0.0", "::", "") else config.host
        bound.public_base_url = f"http://{host}:{port}"
    app = create_app(bound)
    # Idle connections outlive the clients' pools (httpx drops them after 5 s), as PSPs'
    # servers do: equal timeouts race, and a request sent on a just-closed socket fails.
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", timeout_keep_alive=75)
    )
    return server, sock, bound


def serve(config: SimConfig | None = None) -> None:
    """Serve until interrupted (Ctrl-C / SIGTERM are handled by uvicorn)."""
    server, sock, bound = build_server(config or SimConfig())
    print(f"PSP simulator on {bound.public_base_url} (Stripe /stripe, Razorpay /razorpay)")
    server.run(sockets=[sock])
