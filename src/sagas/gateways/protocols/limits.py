"""What a PSP's checkout object accepts: its lifetime bounds and its metadata room."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ExpiryBounds:
    """The lifetime a flow's object accepts at the PSP (seconds), and its name for errors."""

    min_s: int
    max_s: int
    label: str


@dataclass(frozen=True)
class MetadataLimits:
    """How much of a checkout's metadata the PSP object can carry beside our own keys.

    ``max_pairs`` counts every pair on the object (ours included); ``label`` names the
    field in the 422 answer (Stripe's metadata, Razorpay's notes).
    """

    max_pairs: int
    max_value_len: int
    label: str

    def refusal(self, metadata: Mapping[str, str], *, ours: int) -> str | None:
        """Why ``metadata`` does not fit beside ``ours`` reserved keys, or None."""
        if len(metadata) > self.max_pairs - ours:
            return f"{self.label} hold at most {self.max_pairs - ours} metadata keys beside ours"
        if any(len(v) > self.max_value_len for v in metadata.values()):
            return f"{self.label} values are at most {self.max_value_len} characters"
        return None
