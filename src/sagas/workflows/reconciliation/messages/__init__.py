"""The reconciliation sweep's input and its report."""
