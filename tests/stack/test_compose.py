"""The production compose file: valid YAML, the whole topology, the contract's settings.

No Docker engine runs here, so this checks the file's shape, not a real ``up``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sagas.temporal.search_attributes import SEARCH_ATTRIBUTES

ROOT = Path(__file__).resolve().parents[2]
SECRETS = (
    "SAGAS_API_KEYS",
    "STRIPE_API_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "RAZORPAY_KEY_ID",
    "RAZORPAY_KEY_SECRET",
    "RAZORPAY_WEBHOOK_SECRET",
)


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    found: dict[str, Any] = compose["services"]
    return found


def test_topology(services: dict[str, Any]) -> None:
    assert {"postgresql", "temporal", "temporal-ui", "api", "worker", "migrate"} <= set(services)
    assert "healthcheck" in services["postgresql"]
    assert services["temporal"]["environment"]["DB"] == "postgres12"
    assert services["api"]["command"] == ["sagas", "api"]
    assert services["worker"]["command"] == ["sagas", "worker"]
    assert services["migrate"]["command"] == ["sagas", "migrate"]
    for app in ("api", "worker"):
        assert services[app]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )


def test_apps_run_in_production_with_secrets_from_the_environment(
    services: dict[str, Any],
) -> None:
    for app in ("api", "worker", "migrate"):
        env = services[app]["environment"]
        assert env["SAGAS_ENV"] == "production"
        assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
        assert env["TEMPORAL_ADDRESS"] == "temporal:7233"
        for name in SECRETS:
            assert env[name].startswith(f"${{{name}:?"), (app, name)


def test_every_search_attribute_is_registered(services: dict[str, Any]) -> None:
    declared = services["temporal-admin-tools"]["environment"]["SEARCH_ATTRIBUTES"].split()
    assert sorted(declared) == sorted(f"{n}={t}" for n, t in SEARCH_ATTRIBUTES.items())


def test_dockerfile_installs_the_package() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#") and "FROM python:3.11-slim" in dockerfile
    assert "pip install ." in dockerfile
