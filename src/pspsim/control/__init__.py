"""The `/_sim/` control API: act as the payer, settle what the PSP settles on its own,
inject faults, point webhooks, read the delivery log (CONTRACT section 7).
"""

from pspsim.control.razorpay import router as razorpay_router
from pspsim.control.sim import router as sim_router
from pspsim.control.stripe import router as stripe_router

__all__ = ["razorpay_router", "sim_router", "stripe_router"]
