"""A refund the PSP failed after it had succeeded: ``RefundReopenedWorkflow``."""
