"""Disputes and reversals (CONTRACT section 13): what ``DisputeWorkflow`` and the refund
reopening write, the dispute's public view, and the merchant events they emit."""
