"""Razorpay customers through the real SDK: the email-and-contact pair is the only guard
against a second customer (`fail_existing`), and the fields are checked as documented."""

from __future__ import annotations

import pytest
import razorpay
from razorpay.errors import BadRequestError

from pspsim.testing import SimHandle

pytestmark = pytest.mark.timeout(60)


def test_fail_existing_answers_the_customer_with_the_same_email_and_contact(
    simulator: SimHandle, rzp: razorpay.Client
) -> None:
    first = rzp.customer.create({"name": "Asha", "email": "k1@x.invalid", "fail_existing": "0"})
    assert first["entity"] == "customer" and first["id"].startswith("cust_")
    again = rzp.customer.create({"name": "Other", "email": "k1@x.invalid", "fail_existing": "0"})
    assert again["id"] == first["id"] and again["name"] == "Asha"  # the existing one, unchanged
    with pytest.raises(BadRequestError, match="already exists"):
        rzp.customer.create({"name": "Asha", "email": "k1@x.invalid"})  # fail_existing "1"
    # The pair is the key: another contact, or no email and no contact, is another customer.
    phone = rzp.customer.create(
        {"name": "Asha", "email": "k1@x.invalid", "contact": "+919000000001", "fail_existing": "0"}
    )
    assert phone["id"] != first["id"]
    bare = [rzp.customer.create({"name": "Asha", "fail_existing": "0"})["id"] for _ in range(2)]
    assert len(set(bare)) == 2


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "cus-123"}, "name"),  # a hyphen is not among Razorpay's characters
        ({"name": "Al"}, "name"),  # 3 to 50 characters
        ({"name": "A" * 51}, "name"),
        ({"name": "Asha", "email": "not-an-email"}, "email"),
        ({"name": "Asha", "email": f"{'a' * 60}@x.invalid"}, "email"),  # at most 64
        ({"name": "Asha", "contact": "+91900000000012345"}, "contact"),  # at most 15
    ],
)
def test_fields_razorpay_refuses(
    simulator: SimHandle, rzp: razorpay.Client, fields: dict[str, str], field: str
) -> None:
    with pytest.raises(BadRequestError) as err:
        rzp.customer.create(fields)
    assert field in str(err.value)
