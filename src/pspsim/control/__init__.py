"""The `/_sim/` control API (CONTRACT section 7): payer actions, PSP settlement, faults."""
