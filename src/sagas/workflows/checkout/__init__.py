"""The checkout saga (CONTRACT 4.1): :class:`CheckoutWorkflow` and its messages."""

from sagas.workflows.checkout.messages import inputs
from sagas.workflows.checkout.messages.inputs import *  # noqa: F403 (its __all__: the messages)
from sagas.workflows.checkout.messages.state import CheckoutState, Stage
from sagas.workflows.checkout.workflow import CheckoutWorkflow

__all__ = ["CheckoutState", "CheckoutWorkflow", "Stage"]
__all__ += inputs.__all__
