"""Checking the `evidence` a merchant posts: known fields, strings, the total text limit."""

from __future__ import annotations

from typing import Any

from pspsim.stripe.disputes.evidence_fields import EVIDENCE_FIELDS, TEXT_MAX
from pspsim.stripe.errors import invalid
from pspsim.stripe.params import Params, opt_dict


def posted_evidence(params: Params) -> dict[str, Any]:
    given = opt_dict(params, "evidence")
    unknown = sorted(set(given) - set(EVIDENCE_FIELDS) - {"enhanced_evidence"})
    if unknown:
        raise invalid(
            f"Received unknown parameter: evidence[{unknown[0]}]",
            param=f"evidence[{unknown[0]}]",
            code="parameter_unknown",
        )
    for name, value in given.items():
        if name != "enhanced_evidence" and not isinstance(value, str):
            raise invalid(f"Invalid string: evidence[{name}]", param=f"evidence[{name}]")
    if sum(len(v) for v in given.values() if isinstance(v, str)) > TEXT_MAX:
        raise invalid(
            f"The evidence text fields are limited to {TEXT_MAX} characters in total.",
            param="evidence",
        )
    return {k: v for k, v in given.items() if k != "enhanced_evidence"}
