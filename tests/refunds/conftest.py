"""Every refund test leaves the simulator's scripted refund behaviour and faults as it
found them (the simulator is shared by the whole session)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.refunds.helpers import sim_control


@pytest.fixture(autouse=True)
async def clean_sim(sim: Any) -> AsyncIterator[None]:
    yield
    await sim_control(sim, "DELETE", "/faults")
    await sim_control(sim, "DELETE", "/refund_behaviour")
