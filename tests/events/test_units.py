"""Pure parts: the retry schedule, the SSRF guard, the Standard Webhooks signature."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from sagas.events.delivery import signing
from sagas.events.delivery.backoff import Backoff
from sagas.events.urlguard import UrlNotAllowed, check_url


def test_backoff_doubles_caps_and_ends() -> None:
    b = Backoff(first_s=5, cap_s=6 * 3600, window_s=259200)
    assert [b.delay_s(n) for n in range(1, 6)] == [5, 10, 20, 40, 80]
    assert b.delay_s(40) == 6 * 3600
    start = datetime(2026, 1, 1, tzinfo=UTC)
    assert b.next_attempt(
        failed_attempts=1, now=start, window_started_at=start
    ) == start + timedelta(seconds=5)
    late = start + timedelta(seconds=259200 - 10)
    assert b.next_attempt(failed_attempts=30, now=late, window_started_at=start) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/hook",  # http in production
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://172.16.5.5/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://user:pw@93.184.216.34/hook",
        "ftp://93.184.216.34/hook",
        "https:///nohost",
    ],
)
async def test_production_refuses(url: str) -> None:
    with pytest.raises(UrlNotAllowed):
        await check_url(url, production=True)


async def test_production_accepts_public_https_and_development_loopback() -> None:
    await check_url("https://93.184.216.34/hook", production=True)
    await check_url("http://127.0.0.1:9999/hook", production=False)
    with pytest.raises(UrlNotAllowed):
        await check_url("ftp://127.0.0.1/hook", production=False)


def test_signature_verifies_with_the_library_and_rotation_signs_twice() -> None:
    old, new = signing.new_secret(), signing.new_secret()
    assert old.startswith("whsec_") and old != new
    now = datetime.now(UTC).replace(microsecond=0)
    body = '{"id":"evt_1"}'
    headers = signing.headers(secrets_in_use=[new, old], msg_id="evt_1", timestamp=now, body=body)
    assert headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert len(headers["webhook-signature"].split(" ")) == 2
    for secret in (new, old):
        assert Webhook(secret).verify(body, headers) == {"id": "evt_1"}
    with pytest.raises(WebhookVerificationError):
        Webhook(signing.new_secret()).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(new).verify(body + " ", headers)
