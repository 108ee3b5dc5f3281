"""`python -m pspsim [port]`: run the simulator standalone on the default settings."""

from __future__ import annotations

import sys

from pspsim.config import SimConfig
from pspsim.server import serve

if __name__ == "__main__":
    serve(SimConfig(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8090))
