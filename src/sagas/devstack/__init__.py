"""``sagas dev``: the whole stack on one machine, started and stopped as one.

Split by concern so each piece stays small and testable on its own: ``plan`` (what runs
where, from the settings), ``ports`` (refuse to start on a taken port), ``processes``
(children in their own process groups, stopped for sure), ``supervisor`` (signals and
dead children), ``ready`` (bounded readiness probes), ``temporal_server`` (the dev
server's command line and search attributes) and ``stack`` (the order things start in).
"""
