"""What the no-op saga takes and answers: one typed input and one result per message."""

from __future__ import annotations

from pydantic import BaseModel

WORKFLOW = "BenchNoopSaga"
ACTIVITY = "bench_noop_step"


class NoopInput(BaseModel):
    """``before`` activities run before the start update answers (the checkout creates its
    gateway object there), then one signal is awaited, then ``after`` activities run (the
    checkout reads the PSP, settles, fulfils and reads once more)."""

    flow_id: str
    before: int = 1
    after: int = 4
    deadline_s: float = 1800.0


class StepInput(BaseModel):
    flow_id: str
    step: int


class StepResult(BaseModel):
    step: int


class OpenRequest(BaseModel):
    pass


class Opened(BaseModel):
    ok: bool


class Paid(BaseModel):
    event_id: str


class NoopResult(BaseModel):
    flow_id: str
    paid: bool
