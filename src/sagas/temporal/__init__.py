"""Temporal plumbing: the client factory, search attributes, named retry policies."""
