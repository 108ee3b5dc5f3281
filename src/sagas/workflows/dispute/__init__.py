"""The dispute saga (CONTRACT section 13): ``DisputeWorkflow`` and its messages."""

from sagas.workflows.dispute.workflow import DisputeWorkflow

__all__ = ["DisputeWorkflow"]
