"""The report as JSON (``counts``, ``invariants``, ``broken``)."""

from __future__ import annotations

import json

from .report import Report


def to_json(report: Report) -> str:
    return json.dumps(report.public(), indent=2, default=str)
