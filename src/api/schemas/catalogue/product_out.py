"""A product as the API answers it."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from api.schemas.common.bases import Output
from sagas.domain.custom_fields import CustomField


class ProductOut(Output):
    id: str
    name: str
    price: int = Field(description="integer minor units")
    currency: str
    category: str
    custom_fields: list[CustomField]
    active: bool
    created_at: datetime
    updated_at: datetime
