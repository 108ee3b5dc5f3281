"""``sagas dev``: the whole stack on one machine, started and stopped as one.

Split by concern so each piece stays small and testable on its own: ``ports`` (refuse to
start on a taken port), ``processes`` (children in their own process groups, stopped
for sure), ``ready`` (bounded readiness probes), ``temporal_server`` (the dev server's
command line and search attributes) and ``stack`` (the order things start in).
"""
