"""Process logging: ``LOG_FORMAT=json`` (one object per line) or ``text``.

Every line carries ``time``, ``level``, ``logger`` and ``message``, plus whichever
correlation fields apply: ``request_id`` (the API request, or the one that started the
workflow), ``workflow_id`` (from Temporal's workflow and activity loggers, or the activity
running), ``checkout_id``, ``order_id``, ``event_id`` (bound with :func:`bind` or passed
as ``extra=``). Nothing else from a record's ``extra`` is written: a secret passed there
by mistake stays out of the log.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from temporalio import activity

from sagas.observability.tracing import current_trace_id

CORRELATION_FIELDS = ("request_id", "workflow_id", "checkout_id", "order_id", "event_id")
_context: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "sagas_log_context", default=None
)


def _fields() -> dict[str, str]:
    return _context.get() or {}


def current(name: str) -> str | None:
    return _fields().get(name)


@contextmanager
def bind(**fields: str | None) -> Iterator[None]:
    """Add correlation fields to every log line written inside the block."""
    merged = {**_fields(), **{k: v for k, v in fields.items() if v}}
    token = _context.set(merged)
    try:
        yield
    finally:
        _context.reset(token)


def set_fields(**fields: str | None) -> contextvars.Token[dict[str, str] | None]:
    """Like :func:`bind` without a block (middleware resets the token itself)."""
    return _context.set({**_fields(), **{k: v for k, v in fields.items() if v}})


def reset(token: contextvars.Token[dict[str, str] | None]) -> None:
    _context.reset(token)


def _temporal_extras(record: logging.LogRecord) -> dict[str, str]:
    """Workflow id from the extras of Temporal's workflow and activity loggers."""
    for attr in ("temporal_workflow", "temporal_activity"):
        details = getattr(record, attr, None)
        if isinstance(details, dict) and details.get("workflow_id"):
            return {"workflow_id": str(details["workflow_id"])}
    return {}


def _live_fields() -> dict[str, str]:
    """The bound fields, plus the workflow id of the activity running, if any."""
    found: dict[str, str] = {}
    if activity.in_activity() and activity.info().workflow_id:
        found["workflow_id"] = str(activity.info().workflow_id)
    found.update(_fields())
    return found


def correlation(record: logging.LogRecord) -> dict[str, str]:
    stamped = getattr(record, "sagas_correlation", None)
    found = _temporal_extras(record)
    found.update(stamped if isinstance(stamped, dict) else _live_fields())
    for name in CORRELATION_FIELDS:
        value = getattr(record, name, None)
        if value:
            found[name] = str(value)
    return {k: found[k] for k in CORRELATION_FIELDS if k in found}


_base_factory = logging.getLogRecordFactory()


def _stamping_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    """Records carry their context from creation, whichever handler formats them later."""
    record = _base_factory(*args, **kwargs)
    record.sagas_correlation = _live_fields()
    return record


def install_record_factory() -> None:
    if logging.getLogRecordFactory() is not _stamping_factory:
        logging.setLogRecordFactory(_stamping_factory)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; exceptions as one ``exc_info`` string."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(correlation(record))
        trace_id = _trace_id()
        if trace_id:
            line["trace_id"] = trace_id
        if record.exc_info:
            line["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """The human format, with the correlation fields appended as ``key=value``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        fields = correlation(record)
        if not fields:
            return text
        return text + " " + " ".join(f"{k}={v}" for k, v in fields.items())


def _trace_id() -> str | None:
    return current_trace_id()


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """Replace the root handlers with one on stderr in ``log_format`` (``json``/``text``).

    uvicorn's own loggers propagate to the root, so its lines take the same format.
    """
    install_record_factory()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
