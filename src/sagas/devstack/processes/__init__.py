"""Child processes that are always stopped: each in its own process group."""
