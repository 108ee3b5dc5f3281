"""The campaign's verdict: what ran, what the faults did, and what broke, invariant by invariant."""
