"""A schemathesis-lite: malformed bodies against the write endpoints, seeded.

Each case mutates a valid body (wrong types, huge and negative ints, unicode, missing
and unknown fields, nested garbage, non-JSON bytes). The property (CONTRACT 8.9): never
a 5xx, always the one error shape on a 4xx, and a rejected request changes nothing.
"""

from __future__ import annotations

import json
import random
from typing import Any

import httpx

WEIRD: tuple[Any, ...] = (
    None,
    True,
    -1,
    0,
    2**63,
    -(2**63) - 1,
    10**40,
    1.5,
    float("1e308"),
    "",
    "x" * 5000,
    "ünïcødé ✓ \u202e \x00",
    "🦄" * 50,
    [],
    [1, "a", None],
    {},
    {"$where": "1"},
    "' OR 1=1 --",
)


def _mutations(rng: random.Random, valid: dict[str, Any], n: int) -> list[Any]:
    cases: list[Any] = [{}, [], "null", 17, {"unknown_field": 1, **valid}]
    keys = list(valid)
    for _ in range(n):
        body = json.loads(json.dumps(valid))
        kind = rng.randrange(4)
        key = rng.choice(keys)
        if kind == 0:
            body[key] = rng.choice(WEIRD)
        elif kind == 1:
            del body[key]
        elif kind == 2 and isinstance(body.get("items"), list):
            body["items"][0][rng.choice(["quantity", "product_id", "custom_data"])] = rng.choice(
                WEIRD
            )
        else:
            for k in rng.sample(keys, k=min(2, len(keys))):
                body[k] = rng.choice(WEIRD)
        cases.append(body)
    return cases


async def _send(
    api: httpx.AsyncClient, method: str, url: str, headers: dict[str, str], body: Any
) -> httpx.Response:
    if isinstance(body, bytes):
        return await api.request(method, url, content=body, headers=headers)
    try:
        content = json.dumps(body, allow_nan=True).encode()
    except (TypeError, ValueError):
        content = repr(body).encode()
    return await api.request(
        method, url, content=content, headers={**headers, "Content-Type": "application/json"}
    )


async def fuzz(
    api: httpx.AsyncClient,
    rng: random.Random,
    *,
    product_id: str,
    order_id: str,
    checkout_id: str,
    service: dict[str, str],
    admin: dict[str, str],
    per_endpoint: int = 12,
) -> list[str]:
    """Fuzz a few endpoints; answers the violations (a 5xx, or a 4xx off the error shape).

    ``product_id`` should not exist and ``order_id`` should not be refundable, so no
    mutation of those bodies is valid; every case carries a fresh Idempotency-Key, so a
    body wrongly accepted would create a checkout or refund (the caller counts them)."""
    checkout = {
        "customer_id": "cust_fuzz",
        "customer_email": "f@example.com",
        "items": [{"product_id": product_id, "quantity": 1, "custom_data": {}}],
        "gateway": "stripe",
        "flow": "payment_intent",
    }
    targets: list[tuple[str, str, dict[str, str], dict[str, Any], bool]] = [
        ("POST", "/v1/checkouts", service, checkout, True),
        ("POST", f"/v1/orders/{order_id}/refunds", service, {"amount": 100, "reason": "x"}, True),
        (
            "POST",
            "/v1/discount-codes/validate",
            {},
            {"code": "NOPE", "items": checkout["items"]},
            False,
        ),
        (
            "POST",
            "/v1/products",
            admin,
            {"name": "n", "price": 1, "currency": "USD", "category": "c"},
            False,
        ),
        (
            "POST",
            "/v1/discount-codes",
            admin,
            {"code": f"FUZZ{rng.getrandbits(32):X}", "percent_off": 5},
            False,
        ),
        ("POST", f"/v1/checkouts/{checkout_id}/cancel", service, {"reason": "r"}, False),
    ]
    out: list[str] = []
    for method, url, headers, valid, keyed in targets:
        cases = [*_mutations(rng, valid, per_endpoint), b"{", b"\xff\xfe", b'{"a":' * 50]
        for i, body in enumerate(cases):
            h = dict(headers)
            if keyed:
                h["Idempotency-Key"] = f"fuzz-{rng.getrandbits(64):x}-{i}"
            resp = await _send(api, method, url, h, body)
            shown, text = repr(body)[:160], resp.text[:200]
            if resp.status_code >= 500:
                out.append(f"inv9: {method} {url} answered {resp.status_code} to {shown}: {text}")
            elif resp.status_code >= 400:
                try:
                    err = resp.json()["error"]
                    assert isinstance(err["code"], str) and isinstance(err["message"], str)
                except (ValueError, KeyError, TypeError, AssertionError):
                    out.append(
                        f"inv9: {method} {url} {resp.status_code} off the error shape: {text}"
                    )
    return out
