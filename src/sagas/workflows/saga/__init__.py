"""The saga skeleton: what every flow's folder holds, and the helpers the flows share.

Every saga lives in one folder of the same shape::

    workflows/<flow>/
        __init__.py   a docstring; some re-export the workflow class and its messages
        messages.py   the input, result, signal and update payloads and the ``state`` model
                      (a ``messages/`` package, one module per concern, when it is big)
        steps.py      typed activity stubs: one ``async def`` per activity call, with its
                      timeouts and named retry policy (no ``Any`` in, no ``Any`` out)
        workflow.py   the ``@workflow.defn`` class: handlers record, the run loop decides
        <part>.py     where the workflow is split, a module named for what it holds
                      (checkout's core, gate, hold, fulfilment, handoff; subscription's
                      base, settlement, renewals, dunning, periods; dispute's report/;
                      reconciliation's schedule)

Every flow has it: checkout, dispute, merchant_webhooks, payment_review, reconciliation,
refund, refund_reopened, subscription, webhook_retention. ``operator/`` holds the
operator actions they share; ``saga/`` (here) the helpers for what really is the same in
every saga:

- :mod:`.inbox` — the event inbox: ``psp_event`` signals deduplicated by event id;
- :mod:`.desk` — the operator desk behind ``NeedsAttention``, and the
  ``operator_action`` update (validator and handler) as the mixin ``OperatorDeskHandlers``;
- :mod:`.reporter` — the stage reporter: ``SagaStage``/``NeedsAttention`` search
  attributes plus the Temporal UI's current details;
- :mod:`.errors` — what an operator reads from an activity failure.

The refund saga, the payment review, checkout and the subscription saga use all of it
(checkout's inbox keeps the list its continue-as-new ``Carry`` holds); the reopened
refund uses the desk, the dispute saga the errors.
"""

from sagas.workflows.saga.desk import OperatorDesk
from sagas.workflows.saga.errors import cause, error_message, error_type
from sagas.workflows.saga.inbox import EventInbox
from sagas.workflows.saga.reporter import report_stage

__all__ = [
    "EventInbox",
    "OperatorDesk",
    "cause",
    "error_message",
    "error_type",
    "report_stage",
]
