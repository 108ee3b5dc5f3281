"""PSP adapters behind small protocols: one interface per capability, one package per PSP.

Layout
------
- :mod:`.protocols` — the capability protocols (``CheckoutGateway``,
  ``PaymentReadGateway``, ``CaptureGateway``, ``RefundGateway``, ``SubscriptionGateway``,
  ``CustomerGateway``, ``EventGateway``, ``SweepGateway``), ``GatewayTraits`` (what a
  PSP does, as plain data) and ``PaymentGateway``, which groups one PSP's
  implementations.
- :mod:`.stripe`, :mod:`.razorpay` — one package per PSP: wire modules (``intents``,
  ``sessions``, ``orders``, ``captures``, ``refunds``, ``subscriptions``, ``customers``,
  ``events``, ``sweeps``) that are the only importers of that PSP's SDK and the only
  place its wire shapes, id prefixes and units live; ``traits.py`` (no SDK import,
  readable inside a workflow); ``adapter.py``, the base of its adapters (the client
  looked up per call); ``checkout.py``, the checkout adapter, where flows (a Stripe
  PaymentIntent, Session or Link; a Razorpay Order) are dispatched; ``captures.py``
  holds the capture adapter beside its wire calls; ``gateway.py``, the other adapters
  and ``build(clients) -> PaymentGateway``.
- :mod:`.registry` — ``GatewayRegistry(clients).get("stripe")`` for activities,
  ``is_configured(settings, name)`` and ``events_for(name)`` for the API and webhooks.
- :mod:`.traits` — ``traits_of(name)`` for workflows and services (pure data).
- :mod:`.clients` (SDK clients and error translation), :mod:`.errors` (typed PSP
  errors; ``psp_call`` for activities), :mod:`.event_errors` (why an event was not
  translated), :mod:`.event_fields` (reading an untrusted payload's fields).
- A call with many inputs takes one typed request from ``sagas/domain/``
  (``RefundRequest``, ``CaptureRequest``, the ``CheckoutOrder``).

Callers (activities, services, webhooks, reconciliation, the API) go through the
registry and never branch on a gateway's name or a flow; workflows read traits only.
Dependencies point one way: ``sagas.domain`` ← ``sagas.gateways`` ← activities.

Adding a capability (capture, customers, disputes …)
---------------------------------------------------
1. Declare one protocol in its own module of :mod:`.protocols`, speaking domain types
   only (minor units, upper-case currency; new result types go in ``sagas/domain/``),
   e.g.::

       class CaptureGateway(Protocol):  # already here: extend it
           async def authorize(self, ...) -> PaymentSnapshot: ...
           async def capture(self, payment_id: str, *, amount_minor: int,
                             currency: str) -> PaymentSnapshot: ...
           async def void(self, payment_id: str) -> PaymentSnapshot: ...

       class CustomerGateway(Protocol):
           async def ensure_customer(self, customer_id: str, email: str) -> str: ...
           async def saved_methods(self, gateway_customer_id: str) -> list[SavedMethod]: ...

       class DisputeGateway(Protocol):
           async def read_dispute(self, dispute_id: str) -> PspDispute: ...
           async def submit_evidence(self, dispute_id: str, evidence: Evidence) -> PspDispute: ...

2. Add it to :class:`~.protocols.gateway.PaymentGateway` as a field (``... | None = None`` when
   a PSP may not support it, as ``capture``), and any yes/no a workflow needs to
   :class:`~.protocols.traits.GatewayTraits` (plain data, so a workflow may read it).
3. In each PSP package: the wire calls in their own module (``stripe/disputes/``,
   idempotency keys from business ids, errors through ``stripe_call`` /
   ``razorpay_call``), an adapter class (on the package's ``adapter.py`` base, in
   ``gateway.py`` or beside its wire calls) implementing the protocol, and one line in
   that package's ``build``.
4. Callers take ``registry.get(gateway).disputes`` (an activity calls it through
   ``psp_call``, which answers a ``GatewayError`` with ``as_activity_error``); a
   missing capability (``None``) is a clear ``Conflict``, never a branch on the
   gateway's name.

Adding a PSP is adding a package with the same files and one line in
:data:`.registry.PACKAGES` (and a traits entry in :mod:`.traits`).
"""
