"""CONTRACT section 8's invariants, checked over our database and the PSP's own state."""
