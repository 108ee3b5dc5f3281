"""A discount code: the admin's request body and the API's answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StrictBool, model_validator

from api.schemas.catalogue.fields import Code
from api.schemas.common.bases import Output, StrictInput
from api.schemas.common.money import CurrencyCode, PositiveMinorUnits
from api.schemas.common.times import Timestamp


class DiscountCodeCreate(StrictInput):
    """Exactly one of ``percent_off`` (1..100) and ``amount_off`` (with its ``currency``)."""

    code: Code
    percent_off: Annotated[int, Field(strict=True, ge=1, le=100)] | None = None
    amount_off: PositiveMinorUnits | None = None
    currency: CurrencyCode | None = None
    max_uses: Annotated[int, Field(strict=True, ge=1, le=10**9)] | None = None
    expires_at: Timestamp | None = None
    active: StrictBool = True

    @model_validator(mode="after")
    def _one_kind(self) -> DiscountCodeCreate:
        if (self.percent_off is None) == (self.amount_off is None):
            raise ValueError("send exactly one of percent_off and amount_off")
        if self.amount_off is not None and self.currency is None:
            raise ValueError("amount_off needs a currency")
        if self.percent_off is not None and self.currency is not None:
            raise ValueError("currency only applies to amount_off")
        return self


class DiscountCodeOut(Output):
    id: str
    code: str
    percent_off: int | None
    amount_off: int | None = Field(description="integer minor units, with currency")
    currency: str | None
    max_uses: int | None
    uses: int = Field(description="uses held by open checkouts or consumed by paid ones")
    expires_at: datetime | None
    active: bool
    created_at: datetime
