"""Merchant events (CONTRACT section 10): the outbox, the feed, endpoints and delivery.

Other code writes events with :func:`sagas.events.outbox.emit` (or the per-saga helpers
of :mod:`sagas.events.emitters`) inside the transaction that makes the change.
"""
