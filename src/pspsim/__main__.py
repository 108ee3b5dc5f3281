"""`python -m pspsim [port]`: run the simulator standalone on the default settings."""

from __future__ import annotations

import sys

from pspsim.config import SimConfig
from pspsim.server import serve

if __name__ == "__main__":
    config = SimConfig.from_env()
    if len(sys.argv) > 1:
        config.port = int(sys.argv[1])
    serve(config)
