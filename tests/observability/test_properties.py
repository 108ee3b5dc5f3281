"""Properties of what every request and scrape relies on, over generated inputs."""

from __future__ import annotations

import json
import logging
import re

from hypothesis import given
from hypothesis import strategies as st

from api.request_context import request_id_from
from sagas.observability.logs import JsonFormatter, bind
from sagas.observability.metrics import saga_kind

VALID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
ALPHABET = st.characters(codec="latin-1")


@given(st.text(alphabet=ALPHABET, max_size=200))
def test_request_id_is_the_callers_when_valid_else_a_fresh_valid_one(given_id: str) -> None:
    answered = request_id_from([(b"request-id", given_id.encode("latin-1"))])
    if VALID.fullmatch(given_id):
        assert answered == given_id
    else:
        assert answered.startswith("req_") and VALID.fullmatch(answered)


@given(st.from_regex(r"[A-Z][a-z]{1,8}([A-Z][a-z]{1,8}){0,3}Workflow", fullmatch=True))
def test_saga_kind_is_a_small_snake_case_label(workflow_type: str) -> None:
    kind = saga_kind(workflow_type)
    assert re.fullmatch(r"[a-z]+(_[a-z]+)*", kind), kind
    assert not kind.endswith("workflow")


@given(st.text(max_size=300), st.text(alphabet=ALPHABET, max_size=40))
def test_a_log_line_is_one_json_object_whatever_the_message(message: str, rid: str) -> None:
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "%s", (message,), None)
    with bind(request_id=rid):
        line = JsonFormatter().format(record)
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["message"] == message
    assert parsed.get("request_id") == (rid or None)
