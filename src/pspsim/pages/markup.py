"""The HTML every payer page shares: the amount, the Pay, Decline and Abandon buttons,
and the result shown after a button acted."""

from __future__ import annotations

import html
from typing import Any

from starlette.responses import HTMLResponse

_STYLE = (
    "body{font-family:sans-serif;max-width:28rem;margin:3rem auto}"
    "button{margin-right:.5rem;padding:.5rem 1rem}.amount{font-size:2rem}"
)


def money(amount: int, currency: str) -> str:
    return f"{amount / 100:.2f} {currency.upper()}"


def page(title: str, body: str, status: int = 200) -> HTMLResponse:
    doc = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(doc, status_code=status)


def form(amount: int, currency: str, note: str = "") -> str:
    buttons = "".join(
        f"<button name='action' value='{a}'>{a.title()}</button>"
        for a in ("pay", "decline", "abandon")
    )
    return (
        f"<p class='amount'>{money(amount, currency)}</p><p>{html.escape(note)}</p>"
        f"<form method='post'>{buttons}</form>"
    )


def result_page(title: str, data: Any, link: str | None = None) -> HTMLResponse:
    back = f"<p><a href='{html.escape(link)}'>Return to the merchant</a></p>" if link else ""
    return page(title, f"{back}<pre id='result'>{html.escape(repr(data))}</pre>")
