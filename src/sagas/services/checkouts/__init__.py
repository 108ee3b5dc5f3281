"""Creating a checkout, in the caller's transaction, before its workflow starts."""
