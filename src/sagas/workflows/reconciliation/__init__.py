"""The reconciliation sweep (CONTRACT 4.5): :class:`ReconciliationWorkflow`, its report and
the ``reconciliation-sweep`` schedule (:mod:`.schedule`, used by the worker process)."""

from sagas.workflows.reconciliation.messages.inputs import ReconcileInput
from sagas.workflows.reconciliation.messages.report import ReconcileReport, ReportItem
from sagas.workflows.reconciliation.workflow import ReconciliationWorkflow

__all__ = ["ReconcileInput", "ReconcileReport", "ReconciliationWorkflow", "ReportItem"]
