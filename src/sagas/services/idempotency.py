"""One fingerprint for every ``Idempotency-Key``: a replay must ask for the same thing.

A request's key row keeps the sha256 of the fields that define what was asked; the same
key with other fields is a conflict (409), the same fields a replay. The JSON is
canonical (sorted keys; dates and decimals as strings) so equal requests hash equally.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

COMPACT = (",", ":")
SPACED = (", ", ": ")


def fingerprint(fields: Mapping[str, object], *, compact: bool = False) -> str:
    """sha256 of ``fields`` as canonical JSON. ``compact`` drops the spaces after
    separators: checkouts were always hashed so, and rows already stored must match."""
    canonical = json.dumps(
        fields, sort_keys=True, separators=COMPACT if compact else SPACED, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()
