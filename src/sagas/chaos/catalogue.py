"""The catalogue a campaign needs (products, a discount code, plans), made through the API."""

from __future__ import annotations

from typing import Any

from .actors.stage import Stage
from .admin_create import _created
from .http import Api
from .options import Options
from .plans.checkouts import discount_uses

PRICE = {"USD": 2500, "INR": 49900}
SUB_PLANS: dict[str, dict[str, Any]] = {
    "free": {"price": 0, "currency": "USD"},
    "trial": {"price": 1500, "currency": "USD", "trial_days": 14},
    "paid_stripe": {"price": 1500, "currency": "USD"},
    "paid_razorpay": {"price": 49900, "currency": "INR"},
}


async def stage(api: Api, opts: Options, run: str) -> Stage:
    products = {
        cur: await _created(
            api,
            "/v1/products",
            {"name": f"Chaos {cur} {run}", "price": p, "currency": cur, "category": "chaos"},
        )
        for cur, p in PRICE.items()
    }
    code = f"CHAOS{run.upper()}"
    await _created(
        api,
        "/v1/discount-codes",
        {"code": code, "percent_off": 15, "max_uses": discount_uses(opts.checkouts)},
    )
    sub_plans = {
        kind: await _created(
            api, "/v1/plans", {"name": f"Chaos {kind} {run}", "interval": "month", **fields}
        )
        for kind, fields in SUB_PLANS.items()
    }
    return Stage(api, run, products, code, sub_plans)
