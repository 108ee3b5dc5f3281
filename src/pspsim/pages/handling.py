"""How a payer page handles a request: the button pressed, and the PSP's refusal shown
as a page (400) rather than an error. The buttons act exactly as the control API does."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from fastapi import Request
from starlette.responses import Response

from pspsim.control.common import ControlError
from pspsim.pages.markup import page
from pspsim.razorpay.errors import RazorpayError
from pspsim.stripe.errors import StripeError

if TYPE_CHECKING:
    from pspsim.state import Sim

ACTION_OUTCOME = {"pay": "succeed", "decline": "decline"}


async def read_action(request: Request) -> str:
    fields = dict(parse_qsl((await request.body()).decode()))
    return fields.get("action", "")


def guard(render_fn: Callable[[Sim], Response]) -> Callable[[Request], Response]:
    def inner(request: Request) -> Response:
        try:
            return render_fn(request.app.state.sim)
        except (StripeError, RazorpayError, ControlError) as err:
            return page("Cannot continue", f"<p>{html.escape(str(err))}</p>", 400)

    return inner
