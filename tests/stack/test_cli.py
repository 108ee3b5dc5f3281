"""The ``sagas`` command's wiring, without starting anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sagas import cli
from sagas.settings import Settings


def test_help_lists_every_part() -> None:
    result = CliRunner().invoke(cli.app, ["--help"])
    assert result.exit_code == 0
    for command in ("dev", "api", "worker", "sim", "migrate"):
        assert command in result.output


def test_data_dir_flag_reaches_the_stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Settings] = []

    def fake_run(settings: Settings) -> int:
        seen.append(settings)
        return 0

    monkeypatch.setattr("sagas.devstack.run.run", fake_run)
    result = CliRunner().invoke(cli.app, ["dev", "--data-dir", str(tmp_path / "state")])
    assert result.exit_code == 0, result.output
    assert seen[0].sagas_data_dir == tmp_path / "state"


def test_invalid_settings_are_one_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAGAS_ENV", "production")
    result = CliRunner().invoke(cli.app, ["migrate"])
    assert result.exit_code == 2
    assert "refusing to start in production" in result.output
    assert "Traceback" not in result.output
