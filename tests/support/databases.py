"""A throwaway database per test session: a fresh PostgreSQL database or a SQLite file.

``TEST_DATABASE_URL`` picks the backend: a PostgreSQL server URL (a new database named
``sagas_test_<random>`` is created on it and dropped afterwards), or ``sqlite`` (default).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url


def backend() -> str:
    raw = os.environ.get("TEST_DATABASE_URL", "sqlite")
    return "sqlite" if raw == "sqlite" else "postgresql"


@contextmanager
def throwaway_database(tmp_dir: Path) -> Iterator[str]:
    raw = os.environ.get("TEST_DATABASE_URL", "sqlite")
    if raw == "sqlite":
        yield f"sqlite:///{tmp_dir / 'sagas-test.db'}"
        return
    server = make_url(raw).set(drivername="postgresql")
    name = f"sagas_test_{secrets.token_hex(6)}"
    admin_dsn = server.render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
