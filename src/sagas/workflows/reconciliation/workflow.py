"""ReconciliationWorkflow: sweep what the sagas did not close, repair it, report it.

Input :class:`ReconcileInput` (thresholds); result :class:`ReconcileReport`. Runs every
``reconcile_interval_s`` from the ``reconciliation-sweep`` schedule, or on demand from
``POST /v1/admin/reconcile``. Four finders, in an order that lets the later ones see
what the earlier repaired:

1. stuck checkouts (waiting rows whose workflow is gone → restarted; overdue running ones
   → nudged with a ``psp_event``),
2. gateway objects without a live checkout (cancel / expire) and captured payments no
   paid order holds (to their checkout saga, or to ``PaymentReviewWorkflow``),
3. refunds pending too long (their saga restarted or nudged),
4. webhook events whose hand-off failed (re-delivered through the webhook pipeline).

Live subscriptions whose workflow is gone are restarted from their row, right after the
checkouts (``SUBSCRIPTIONS_PATCH``).

Nothing here compensates: every repair is an idempotent hand-off to the saga that owns
the case, so running the sweep twice changes nothing the second time. A finder or a
repair that fails after its retries is put in ``errors`` and the sweep goes on; it never
waits on anything but its activities (each with a timeout), so it needs no deadline of
its own. Query ``state`` shows progress.
"""

from __future__ import annotations

import asyncio

from temporalio import workflow
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from sagas.activities.reconciliation.models import Finding, FindInput
    from sagas.temporal import search_attributes as sa
    from sagas.workflows.reconciliation import steps
    from sagas.workflows.reconciliation.messages.inputs import ReconcileInput
    from sagas.workflows.reconciliation.messages.report import ReconcileReport, ReportItem
    from sagas.workflows.reconciliation.messages.sweep_state import SweepState

BATCH = 5  # repairs in flight at once in sweeps recorded before WIDE_BATCH_PATCH
WIDE_BATCH = 10  # repairs in flight at once: quicker at volume, the database not flooded
WIDE_BATCH_PATCH = "reconcile-wide-batch"
#: Live subscriptions whose workflow is gone are restarted (CONTRACT 12); sweeps recorded
#: before it replay without that finder.
SUBSCRIPTIONS_PATCH = "reconcile-stuck-subscriptions"


@workflow.defn(name="ReconciliationWorkflow")
class ReconciliationWorkflow:
    def __init__(self) -> None:
        self._stage = "starting"
        self._report: ReconcileReport | None = None

    @workflow.run
    async def run(self, inp: ReconcileInput) -> ReconcileReport:
        info = workflow.info()
        now = workflow.now()
        report = ReconcileReport(sweep_id=info.run_id, started_at=now)
        self._report = report
        req = FindInput(
            sweep_id=info.run_id[:12],
            as_of=now,
            limit=inp.limit,
            older_than_s=inp.older_than_s,
            checkout_grace_s=inp.checkout_grace_s,
            refund_pending_s=inp.refund_pending_s,
            webhook_failed_older_than_s=inp.webhook_failed_older_than_s,
            lookback_s=inp.lookback_s,
            subscription_idle_s=inp.subscription_idle_s,
        )
        workflow.upsert_search_attributes(
            [sa.SAGA_KIND.value_set("reconciliation"), *sa.stage_attributes("sweeping")]
        )
        finders = list(steps.FINDERS)
        if workflow.patched(SUBSCRIPTIONS_PATCH):
            finders.insert(1, steps.STUCK_SUBSCRIPTIONS)
        for name, finder in finders:
            self._set(f"finding {name}")
            try:
                found = await steps.find(finder, req)
            except ActivityError as err:
                report.errors.append(
                    ReportItem(
                        object_type="finder", object_id=name, action="failed", detail=cause(err)
                    )
                )
                continue
            report.examined[name] = found.examined
            report.examined.update(found.examined_by_kind)
            self._set(f"repairing {name}")
            await self._repair_all(_unique(found.findings))
        report.finished_at = workflow.now()
        report.count()
        needs_look = bool(report.errors)
        workflow.upsert_search_attributes(sa.stage_attributes("done", needs_attention=needs_look))
        self._set("done")
        return report

    async def _repair_all(self, findings: list[Finding]) -> None:
        # Sweeps at volume (CONTRACT 14: a thousand findings) repair more at once.
        size = WIDE_BATCH if workflow.patched(WIDE_BATCH_PATCH) else BATCH
        for start in range(0, len(findings), size):
            batch = findings[start : start + size]
            await asyncio.gather(*(self._repair(f) for f in batch))

    async def _repair(self, finding: Finding) -> None:
        assert self._report is not None
        try:
            outcome = await steps.repair(finding)
        except ActivityError as err:
            self._report.errors.append(
                ReportItem(
                    object_type=finding.object_type,
                    object_id=finding.object_id,
                    action=f"repair of {finding.kind.value} failed",
                    detail=cause(err),
                )
            )
            return
        if outcome.action is None:
            return
        getattr(self._report, outcome.bucket.value).append(
            ReportItem(
                object_type=outcome.object_type,
                object_id=outcome.object_id,
                action=outcome.action,
                detail=outcome.detail,
            )
        )

    def _set(self, stage: str) -> None:
        self._stage = stage
        workflow.set_current_details(f"**{stage}**")

    @workflow.query(name="state")
    def state(self) -> SweepState:
        return SweepState(stage=self._stage, report=self._report)


def _unique(findings: list[Finding]) -> list[Finding]:
    """One repair per object even when two findings name it (a checkout found stuck and
    again through its captured payment)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        key = (f.kind.value, f.object_id)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def cause(err: BaseException) -> str:
    """The innermost message of an activity failure: what the report shows an operator."""
    inner: BaseException = err
    for _ in range(10):
        if inner.__cause__ is None:
            break
        inner = inner.__cause__
    if isinstance(inner, ApplicationError):
        return f"{inner.type or 'error'}: {inner.message}"
    return str(inner)
