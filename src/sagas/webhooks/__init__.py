"""Webhook intake: cap → record → verify → translate → dedupe → route → signal → answer.

Submodules: :mod:`.body` (the size cap on the raw stream), :mod:`.audit` (the delivery
log, written first in its own transaction), :mod:`.routing` (event → workflow id),
:mod:`.handover` (signal, or start the payment review for a closed/unknown checkout),
:mod:`.pipeline` (the whole path, shared by the HTTP routes and the admin replay).
"""
