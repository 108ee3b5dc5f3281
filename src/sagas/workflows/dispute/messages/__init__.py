"""DisputeWorkflow's input, messages, result and state: importable without the workflow."""
