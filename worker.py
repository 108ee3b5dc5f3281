"""Run the worker: every workflow and activity (the same as ``sagas worker``)."""

from sagas.cli import worker

if __name__ == "__main__":
    worker()
