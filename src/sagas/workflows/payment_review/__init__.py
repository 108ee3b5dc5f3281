"""The payment review of late payments: :class:`PaymentReviewWorkflow` and its messages.

The workflow sandbox re-imports this package when it loads the workflow module; passing
its imports through keeps one copy of the message classes and enums on both sides.
"""

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from sagas.workflows.payment_review.messages import ReviewResult, ReviewState
    from sagas.workflows.payment_review.workflow import PaymentReviewWorkflow


__all__ = ["PaymentReviewWorkflow", "ReviewResult", "ReviewState"]
