"""Answers lost on the way back (CONTRACT 11.4): the request is carried out completely,
then the TCP connection is cut before any byte of the answer is written, as a network
cut between the PSP and the caller does. The SDK sees a connection error, never an
HTTP status, and cannot know whether the call took effect.

This has to sit outside every middleware, on the ASGI callable uvicorn calls, because
only there is uvicorn's own `send` (whose owner holds the connection's transport).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class AnswerLost(ConnectionError):
    """Raised where no transport can be cut (an in-process ASGI client)."""


class LostAnswerApp(FastAPI):
    """The simulator's app: FastAPI, plus the lost-answer fault at the outermost layer."""

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        sim = getattr(self.state, "sim", None)
        if scope["type"] != "http" or sim is None or not sim.faults.loses_answer(scope["path"]):
            await super().__call__(scope, receive, send)
            return

        async def swallow(message: Message) -> None:
            """The answer, complete, goes nowhere."""

        await super().__call__(scope, receive, swallow)
        cut(send)
        # Let the loop run the connection-lost callback, so uvicorn knows the client is
        # gone and does not try to answer a 500 for a response that never started.
        for _ in range(3):
            await asyncio.sleep(0)


def cut(send: Send) -> None:
    """Abort the connection `send` writes to (uvicorn's cycle holds its transport)."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is None:
        raise AnswerLost("answer lost (simulated network cut)")
    transport.abort()
