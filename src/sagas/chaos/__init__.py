"""``sagas chaos``: a bounded campaign of checkouts, refunds and subscriptions under PSP
faults, worker kills and a Temporal restart, then CONTRACT section 8's invariants checked
against the database, the event feed and the simulator's own records (CONTRACT 14).

``campaign`` runs it, ``stack`` starts (and kills, and restarts) what it runs against,
``actors`` are the payers and the merchant's backend, ``invariants`` (one module each) are the
invariants (shared with the invariants test), ``report`` prints the verdict.
"""
