"""The email and display name a Razorpay customer is made with, both derived from our key."""

from __future__ import annotations

import hashlib
import re

NAME_MAX = 50  # Razorpay: a name of 3 to 50 characters …
NAME_MIN = 3
#: … of letters, digits, spaces, and . ' / @ ( ) only.
_NAME_REFUSED = re.compile(r"[^A-Za-z0-9 .'/@()]+")
KEY_EMAIL_DOMAIN = "customers.sagas.invalid"


def key_email(key: str) -> str:
    """The email that stands for ``key`` at Razorpay (55 characters; Razorpay allows 64)."""
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{KEY_EMAIL_DOMAIN}"


def display_name(customer_id: str) -> str:
    """``customer_id`` as a name Razorpay accepts (other characters become spaces)."""
    name = " ".join(_NAME_REFUSED.sub(" ", customer_id).split())[:NAME_MAX].strip()
    return name if len(name) >= NAME_MIN else f"Customer {name}".strip()
