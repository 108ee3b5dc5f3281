"""One starter per saga: how a flow is started and messaged, for every caller.

The API routes and the reconciliation sweep start and message flows only through these
modules, with typed references (``CheckoutWorkflow.run``, ``CheckoutWorkflow.cancel``)
instead of workflow and update names as strings, so a renamed handler or a changed
payload is a type error, not a runtime surprise. Each module holds one flow:
:mod:`.checkout`, :mod:`.refund`, :mod:`.review`, :mod:`.subscription`. Starters raise
the client's own errors (``WorkflowAlreadyStartedError``, ``RPCError``…); what they mean
to a caller (an HTTP status, a finding's outcome) is the caller's business.
"""
