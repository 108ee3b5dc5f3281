"""Migrations from an empty database to ``heads`` and back, on this session's backend.

Run with ``TEST_DATABASE_URL`` unset (SQLite) and set to a PostgreSQL server: each run
gets its own throwaway database. ``check`` is ``alembic check``: it fails when a model
changed without a migration, so the schema the code expects is the one migrations build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from sagas.db import models  # noqa: F401  (every table registered on Base.metadata)
from sagas.db.base import Base
from sagas.db.engine import sync_url
from sagas.db.migrate import alembic_config, check, downgrade, upgrade
from tests.support.databases import throwaway_database

pytestmark = pytest.mark.database  # its own throwaway databases, on the session's backend


@pytest.fixture
def empty_url(tmp_path: Path) -> Iterator[str]:
    with throwaway_database(tmp_path) as url:
        yield url


def _tables(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _current_revisions(url: str) -> set[str]:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    finally:
        engine.dispose()


def test_upgrade_from_empty_builds_every_model_table(empty_url: str) -> None:
    assert _tables(empty_url) == set()
    upgrade(empty_url)
    expected = set(Base.metadata.tables)
    assert expected <= _tables(empty_url)
    heads = set(ScriptDirectory.from_config(alembic_config(empty_url)).get_heads())
    assert _current_revisions(empty_url) == heads
    check(empty_url)  # models and migrations agree


def test_downgrade_to_base_and_up_again(empty_url: str) -> None:
    upgrade(empty_url)
    downgrade(empty_url, "base")
    assert _tables(empty_url) <= {"alembic_version"}
    upgrade(empty_url)
    assert set(Base.metadata.tables) <= _tables(empty_url)
    check(empty_url)


def test_every_revision_downgrades_and_upgrades_alone(empty_url: str) -> None:
    """Undo each revision (and whatever depends on it) and redo it: no step is one-way."""
    script = ScriptDirectory.from_config(alembic_config(empty_url))
    revisions = list(script.walk_revisions())
    assert revisions, "no migrations found"
    upgrade(empty_url)
    for rev in revisions[:50]:  # bounded; newest first
        if isinstance(rev.down_revision, tuple | list):
            continue  # a merge point: covered by the full round trip above
        downgrade(empty_url, rev.down_revision or "base")
        assert rev.revision not in _current_revisions(empty_url)
        upgrade(empty_url)
        assert set(Base.metadata.tables) <= _tables(empty_url)
    check(empty_url)
