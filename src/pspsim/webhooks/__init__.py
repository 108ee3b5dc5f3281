"""Signed webhook delivery with retries, fault injection and a delivery log."""
