"""A customer's fields checked as Razorpay documents them: a name of 3 to 50 letters,
digits, spaces and `.'/@()`, an email of at most 64 characters, a contact of at most 15."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pspsim.razorpay.errors import bad_request

if TYPE_CHECKING:
    pass


_NAME = re.compile(r"[A-Za-z0-9 .'/@()]{3,50}")


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def checked_fields(params: dict[str, Any]) -> tuple[str, str | None, str | None]:
    name = params.get("name")
    if not name or not isinstance(name, str):
        raise bad_request("The name field is required.", "name")
    if not _NAME.fullmatch(name):
        raise bad_request("The name format is invalid.", "name")
    email = params.get("email") or None
    if email is not None and (
        not isinstance(email, str) or len(email) > 64 or not _EMAIL.fullmatch(email)
    ):
        raise bad_request("The email must be a valid email address.", "email")
    contact = params.get("contact") or None
    if contact is not None and len(str(contact)) > 15:
        raise bad_request("The contact may not be greater than 15 characters.", "contact")
    return name, email, None if contact is None else str(contact)
