"""The 256 KiB cap, enforced on the raw stream before anything is parsed.

A declared ``Content-Length`` over the cap is refused without reading; a chunked body (or
one that lies about its length) is read with a counter and abandoned as soon as it
passes the cap, so an oversized body never sits in memory whole.
"""

from __future__ import annotations

from starlette.requests import ClientDisconnect, Request

MAX_BODY_BYTES = 256 * 1024


class BodyTooLarge(Exception):
    def __init__(self, seen: int) -> None:
        super().__init__(f"body exceeds {MAX_BODY_BYTES} bytes")
        self.seen = seen


class BodyIncomplete(Exception):
    """The client went away before the body ended."""


async def read_capped(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit:
        raise BodyTooLarge(int(declared))
    buffer = bytearray()
    try:
        async for chunk in request.stream():
            buffer += chunk
            if len(buffer) > limit:
                raise BodyTooLarge(len(buffer))
    except ClientDisconnect as err:
        raise BodyIncomplete("client disconnected mid-body") from err
    return bytes(buffer)
