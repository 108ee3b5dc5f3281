"""The catalogue's constrained strings: names, categories, discount codes, product ids.

Validation that needs the database (unknown category or product, duplicate code) lives
in :mod:`sagas.services.catalogue`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

Name = Annotated[str, Field(min_length=1, max_length=200)]
Category = Annotated[
    str,
    Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"),
]
Code = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$",
        description="case-sensitive: SUMMER10 and summer10 are two codes",
    ),
]
ProductId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_\-]+$")]
