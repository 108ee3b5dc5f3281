"""Fault injection: what a flaky PSP and a flaky network do to the product."""
