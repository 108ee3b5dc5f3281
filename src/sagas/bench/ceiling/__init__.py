"""The ceiling: a no-op saga of the checkout's shape, run on the same Temporal server so
the checkout's throughput can be read as a fraction of what orchestration alone allows."""
