"""Search attributes reach a dev server whose database predates them.

``temporal server start-dev`` registers ``--search-attribute`` flags only when it creates
its database; ``register_missing`` covers a data folder from an older version.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from sagas.devstack.ready import wait_for
from sagas.devstack.temporal_server.attributes import missing_attributes, register_missing
from sagas.devstack.temporal_server.cli import find_cli
from sagas.devstack.temporal_server.health import healthy
from sagas.temporal.search_attributes import SEARCH_ATTRIBUTES
from tests.stack.devstack import distinct_free_ports

pytestmark = pytest.mark.slow


@pytest.fixture
def bare_dev_server(tmp_path: Path) -> Iterator[str]:
    """A dev server started without the project's search attributes."""
    port, ui_port = distinct_free_ports(2)
    cli = find_cli()
    argv = [cli, "server", "start-dev", "--db-filename", str(tmp_path / "t.db")]
    argv += ["--ip", "127.0.0.1", "--port", str(port), "--ui-port", str(ui_port), "--headless"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    address = f"127.0.0.1:{port}"
    try:
        wait_for("temporal", lambda: healthy(cli, address), timeout_s=60)
        yield address
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_register_missing_adds_each_attribute_once(bare_dev_server: str) -> None:
    cli = find_cli()
    assert set(missing_attributes(cli, bare_dev_server, "default")) == set(SEARCH_ATTRIBUTES)

    added = register_missing(cli, bare_dev_server, "default")

    assert sorted(added) == sorted(SEARCH_ATTRIBUTES)
    wait_for(
        "search attributes",
        lambda: not missing_attributes(cli, bare_dev_server, "default"),
        timeout_s=10,
    )
    assert register_missing(cli, bare_dev_server, "default") == []
