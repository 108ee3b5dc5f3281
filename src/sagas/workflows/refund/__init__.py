"""The refund saga: :class:`RefundWorkflow` and its messages (see ``workflow.py``).

The workflow sandbox re-imports this package when it loads the workflow module; passing
its imports through keeps one copy of the message classes and enums on both sides.
"""

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.workflows.refund.messages import RefundInput, RefundResult, RefundState
    from sagas.workflows.refund.workflow import RefundWorkflow


__all__ = ["RefundInput", "RefundResult", "RefundState", "RefundWorkflow"]
