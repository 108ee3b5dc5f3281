"""Our custom search attributes on the dev server: which are missing, registering them.

The dev server registers ``--search-attribute`` flags only when it creates its database,
so on a restart over an existing ``temporal.db`` any attribute added since is registered
through the operator API; operators' UI queries then work whatever age the data folder is.
"""

from __future__ import annotations

import json

from sagas.devstack.temporal_server.cli import _run
from sagas.temporal.search_attributes import SEARCH_ATTRIBUTES


def registered_attributes(cli: str, address: str, namespace: str) -> dict[str, str]:
    args = ["operator", "search-attribute", "list", "-n", namespace, "-o", "json"]
    done = _run(cli, args, address)
    if done.returncode != 0:
        raise RuntimeError(f"listing search attributes failed: {done.stderr.strip()}")
    custom: dict[str, str] = json.loads(done.stdout).get("customAttributes", {})
    return custom


def missing_attributes(cli: str, address: str, namespace: str) -> dict[str, str]:
    have = registered_attributes(cli, address, namespace)
    return {name: kind for name, kind in SEARCH_ATTRIBUTES.items() if name not in have}


def register_missing(cli: str, address: str, namespace: str) -> list[str]:
    """Create each missing attribute (one call each: the CLI keeps only the first name)."""
    missing = missing_attributes(cli, address, namespace)
    for name, kind in missing.items():
        args = ["operator", "search-attribute", "create", "-n", namespace]
        done = _run(cli, [*args, "--name", name, "--type", kind], address)
        if done.returncode != 0:
            raise RuntimeError(f"registering search attribute {name} failed: {done.stderr}")
    return list(missing)
