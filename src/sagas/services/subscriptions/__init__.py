"""Subscriptions: opening them and writing their transitions, in the caller's transaction."""
