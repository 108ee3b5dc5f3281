"""Outbound webhook delivery: signing, back-off, one attempt, and the dispatcher loop."""
