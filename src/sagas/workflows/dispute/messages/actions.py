"""The merchant's answers to a dispute (evidence, acceptance) and what they return."""

from __future__ import annotations

from pydantic import BaseModel, Field


class EvidenceRequest(BaseModel):
    text: str = Field(min_length=1, max_length=20_000)
    submit: bool = True


class AcceptRequest(BaseModel):
    reason: str = Field(default="", max_length=500)


class DisputeActionResult(BaseModel):
    dispute_id: str | None
    status: str | None
    psp_status: str | None
    evidence_submitted: bool
