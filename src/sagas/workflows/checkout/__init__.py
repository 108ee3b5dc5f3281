"""The checkout saga (CONTRACT 4.1): :class:`CheckoutWorkflow` and its messages."""

from sagas.workflows.checkout.inputs import (
    CancelRequest,
    CancelResult,
    CheckoutInput,
    CheckoutResult,
    GatewayObjectRequest,
    GatewayObjectResult,
    VerifyRequest,
    VerifyResult,
)
from sagas.workflows.checkout.state import CheckoutState, Stage
from sagas.workflows.checkout.workflow import CheckoutWorkflow

__all__ = [
    "CancelRequest",
    "CancelResult",
    "CheckoutInput",
    "CheckoutResult",
    "CheckoutState",
    "CheckoutWorkflow",
    "GatewayObjectRequest",
    "GatewayObjectResult",
    "Stage",
    "VerifyRequest",
    "VerifyResult",
]
