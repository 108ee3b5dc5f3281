"""What ``sagas dev`` would start, checked without starting it."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from sagas.devstack.plan import Plan
from sagas.devstack.ports.check import check_ports
from sagas.devstack.ports.claim import PortClaim
from sagas.devstack.ports.errors import PortClashError, PortInUseError
from sagas.devstack.temporal_server.dev_server import TUNING, split_address, start_dev_argv
from sagas.settings import Settings
from sagas.temporal.search_attributes import SEARCH_ATTRIBUTES


def plan(tmp_path: Path, **overrides: object) -> Plan:
    return Plan.from_settings(Settings(sagas_data_dir=tmp_path, **overrides))  # type: ignore[arg-type]


def test_temporal_dev_server_flags(tmp_path: Path) -> None:
    argv = start_dev_argv(
        "temporal", db_file=tmp_path / "t.db", host="127.0.0.1", port=7233, ui_port=8233,
        namespace="default",
    )  # fmt: skip
    joined = " ".join(argv)
    assert argv[:3] == ["temporal", "server", "start-dev"]
    assert f"--db-filename {tmp_path / 't.db'}" in joined
    assert "--port 7233 --ui-port 8233" in joined
    assert " ".join(TUNING) in joined
    assert "--sqlite-pragma journal_mode=wal" in joined
    assert "--dynamic-config-value matching.numTaskqueueReadPartitions=1" in joined
    for name, kind in SEARCH_ATTRIBUTES.items():
        assert f"--search-attribute {name}={kind}" in joined


def test_children_are_pointed_at_the_simulator_and_the_data_folder(tmp_path: Path) -> None:
    env = plan(tmp_path, psp_sim_port=9999, temporal_address="localhost:7777").child_env()
    assert env["STRIPE_API_BASE"] == "http://127.0.0.1:9999/stripe"
    assert env["RAZORPAY_API_BASE"] == "http://127.0.0.1:9999/razorpay"
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path.resolve() / 'sagas.db'}"
    assert env["TEMPORAL_ADDRESS"] == "127.0.0.1:7777"
    assert env["SAGAS_DATA_DIR"] == str(tmp_path.resolve())


def test_explicit_settings_win_over_the_dev_wiring(tmp_path: Path) -> None:
    env = plan(
        tmp_path,
        stripe_api_base="https://api.stripe.com",
        database_url="postgresql://u@db/sagas",
    ).child_env()
    assert env["STRIPE_API_BASE"] == "https://api.stripe.com"
    assert env["RAZORPAY_API_BASE"].endswith("/razorpay")
    assert env["DATABASE_URL"] == "postgresql+psycopg://u@db/sagas"


def test_simulator_off_means_real_psps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRIPE_API_BASE", raising=False)
    monkeypatch.delenv("RAZORPAY_API_BASE", raising=False)
    p = plan(tmp_path, psp_simulator="off")
    env = p.child_env()
    assert "STRIPE_API_BASE" not in env and "RAZORPAY_API_BASE" not in env
    assert [c.label for c in p.port_claims()] == [
        "API",
        "Temporal",
        "Temporal UI",
        "Worker metrics",
    ]


def test_port_checks() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"port {port} \\(API\\) is already in use"):
            check_ports([PortClaim("API", "127.0.0.1", port, "API_PORT")])
    with pytest.raises(PortClashError, match="set for both API and Temporal UI"):
        check_ports(
            [
                PortClaim("API", "127.0.0.1", 1, "API_PORT"),
                PortClaim("Temporal UI", "127.0.0.1", 1, "TEMPORAL_UI_PORT"),
            ]
        )


def test_temporal_address_forms() -> None:
    assert split_address("localhost:7233") == ("localhost", 7233)
    assert split_address("127.0.0.1:17233") == ("127.0.0.1", 17233)
    assert split_address("temporal") == ("temporal", 7233)


def test_the_simulator_day_follows_the_development_time_scale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SIM_SECONDS_PER_DAY", raising=False)
    env = plan(tmp_path, sagas_dev_seconds_per_day=60).child_env()
    assert env["SIM_SECONDS_PER_DAY"] == "60"
    monkeypatch.setenv("SIM_SECONDS_PER_DAY", "30")  # an explicit one wins
    assert plan(tmp_path, sagas_dev_seconds_per_day=60).child_env()["SIM_SECONDS_PER_DAY"] == "30"
