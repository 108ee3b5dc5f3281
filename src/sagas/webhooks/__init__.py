"""Webhook intake: cap → record → verify → translate → dedupe → route → signal → answer.

Submodules: :mod:`.body` (the size cap on the raw stream), :mod:`.audit` (the delivery
log, written first in its own transaction), :mod:`.envelopes` (per-gateway verify and
translate), :mod:`.dedupe` (one hand-off per event id), :mod:`.routing` (event →
workflow id), :mod:`.handover` (signal, or start the payment review for a closed/unknown
checkout), :mod:`.answers` (the HTTP answer), :mod:`.pipeline` (the whole path, shared by
the HTTP routes and the admin replay), :mod:`.schedule` (the retention schedule).
"""
