"""Signature checks through the SDKs: tolerance, rotation, forged, replayed-old, truncated."""

from __future__ import annotations

import time

import pytest
import razorpay
import stripe

from sagas.gateways.razorpay.events.signature import verify as rzp_verify
from sagas.gateways.stripe.events.signature import verify as stp_verify
from sagas.webhooks.errors import InvalidSignature

BODY = b'{"id":"evt_test","object":"event"}'
SECRET = "whsec_test_secret"
OLD_SECRET = "whsec_old_secret"


def header(secret: str = SECRET, at: int | None = None, body: bytes = BODY) -> str:
    return str(
        stripe.WebhookSignature.generate_signature_header(body.decode(), secret, timestamp=at)
    )


def test_notes_test_vector_verifies_without_tolerance() -> None:
    vector = "t=1767225660,v1=409623931b30d4f43d276207a28ff6a9a0978a78aa9be6add3cadfe839cbd3b9"
    stp_verify(BODY, vector, [SECRET], tolerance=0)
    with pytest.raises(InvalidSignature, match="tolerance"):
        stp_verify(BODY, vector, [SECRET])  # 2026-01-01 is long past the 300 s window


def test_stripe_tolerance_window() -> None:
    now = int(time.time())
    stp_verify(BODY, header(at=now - 290), [SECRET])
    stp_verify(BODY, header(at=now + 60), [SECRET])  # the SDK only rejects old timestamps
    with pytest.raises(InvalidSignature):
        stp_verify(BODY, header(at=now - 301), [SECRET])  # a replayed old delivery


def test_stripe_rotation_accepts_current_and_previous_secrets() -> None:
    now = int(time.time())
    old_sig = header(OLD_SECRET, now).split("v1=")[1]
    new_sig = header(SECRET, now).split("v1=")[1]
    both = f"t={now},v1={old_sig},v1={new_sig}"
    stp_verify(BODY, both, [SECRET])  # any v1 may match
    stp_verify(BODY, header(OLD_SECRET), [SECRET, OLD_SECRET])  # retries signed with the old one
    with pytest.raises(InvalidSignature):
        stp_verify(BODY, header(OLD_SECRET), [SECRET])


@pytest.mark.parametrize(
    "bad",
    [
        None,
        "",
        "garbage",
        "t=notanumber,v1=abc",
        "v1=" + "0" * 64,
        "t=123",
        f"t={int(time.time())},v1=ß",
    ],
    # Stable ids: the last value holds the current time, and parallel workers must
    # collect the same test names.
    ids=["missing", "empty", "garbage", "bad-timestamp", "no-timestamp", "old", "non-ascii"],
)
def test_stripe_unusable_headers(bad: str | None) -> None:
    with pytest.raises(InvalidSignature):
        stp_verify(BODY, bad, [SECRET])


def test_stripe_forged_and_truncated() -> None:
    good = header()
    with pytest.raises(InvalidSignature):
        stp_verify(BODY, header("whsec_attacker"), [SECRET])
    with pytest.raises(InvalidSignature):
        stp_verify(BODY, good[:-8], [SECRET])  # truncated signature
    with pytest.raises(InvalidSignature):
        stp_verify(BODY[:-5], good, [SECRET])  # truncated body
    with pytest.raises(InvalidSignature):
        stp_verify(BODY.replace(b"evt_test", b"evt_evil"), good, [SECRET])
    with pytest.raises(InvalidSignature):
        stp_verify(b"\xff\xfe", good, [SECRET])


def rzp_sig(body: bytes, secret: str) -> str:
    import hashlib
    import hmac

    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_razorpay_notes_vector_and_rotation() -> None:
    body = b'{"event":"payment.captured"}'
    vector = "63482aecf393ec15e418daab94dffe6cd7a1ddeec5ade268106920e9f1c8363d"
    assert rzp_sig(body, "webhook_secret") == vector
    razorpay.Utility().verify_webhook_signature(body.decode(), vector, "webhook_secret")
    rzp_verify(body, vector, ["webhook_secret"])
    rzp_verify(body, vector, ["new_secret", "webhook_secret"])
    with pytest.raises(InvalidSignature):
        rzp_verify(body, vector, ["new_secret"])


@pytest.mark.parametrize("mangle", ["forged", "truncated", "missing", "non_ascii", "body_changed"])
def test_razorpay_rejects(mangle: str) -> None:
    body = b'{"event":"payment.captured"}'
    sig: str | None = rzp_sig(body, "s3cret")
    if mangle == "forged":
        sig = rzp_sig(body, "attacker")
    elif mangle == "truncated":
        sig = (sig or "")[:40]
    elif mangle == "missing":
        sig = None
    elif mangle == "non_ascii":
        sig = "é" * 64
    elif mangle == "body_changed":
        body = b'{"event":"payment.failed"}'
    with pytest.raises(InvalidSignature):
        rzp_verify(body, sig, ["s3cret"])
