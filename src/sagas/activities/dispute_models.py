"""Typed inputs of the dispute saga's activities (one in, one out each)."""

from __future__ import annotations

from pydantic import BaseModel


class DisputeRead(BaseModel):
    gateway: str
    gateway_dispute_id: str
    workflow_id: str


class EvidenceInput(BaseModel):
    gateway: str
    gateway_dispute_id: str
    workflow_id: str
    text: str
    submit: bool
    idempotency_key: str


class AcceptInput(BaseModel):
    gateway: str
    gateway_dispute_id: str
    workflow_id: str
    idempotency_key: str


class DisputeRef(BaseModel):
    dispute_id: str
