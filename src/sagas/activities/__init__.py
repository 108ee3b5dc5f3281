"""Activities: the I/O of the sagas (database, PSP SDKs), idempotent, classes with injected
adapters so the worker and the tests wire the same code to different ends."""
