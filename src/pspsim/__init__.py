"""PSP simulator: Stripe and Razorpay as the real SDKs see them, for tests and `sagas dev`.

Stripe is served under `/stripe`, Razorpay under `/razorpay`, the control API under
`/_sim/` and payer pages under `/pay/`. See `pspsim.testing.running_simulator` for tests
and `pspsim.server.serve` for a standalone process.
"""

from pspsim.app import create_app
from pspsim.config import SimConfig

__all__ = ["SimConfig", "create_app"]
