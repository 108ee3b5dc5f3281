"""The one error the bench raises on purpose."""


class BenchError(RuntimeError):
    """The stack cannot be benchmarked (unreachable, wrong keys): said once, plainly."""
