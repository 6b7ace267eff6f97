"""What every Slack listener needs: payload accessors, a guard that logs a failure instead of raising, and the
answers waiting to be shared."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.answer import Answer
from chat.errors import log_internal
from chat.expiring import ExpiringMap

log = logging.getLogger("niyam.slack")

Send = Callable[[dict], Awaitable[object]]  # what the post returned (chat.postMessage: its ts), or None
Notice = Callable[[str], Awaitable[None]]


def guarded(where: str):
    """A listener that logs its failure (a reference code and the type, never the text) instead of raising:
    after an ack, a raising listener makes Bolt try the next matching one, which would answer twice."""

    def wrap(listener):
        @functools.wraps(listener)
        async def run(*args, **kwargs):
            try:
                return await listener(*args, **kwargs)
            except Exception as exc:
                log_internal(log, where, exc)

        return run

    return wrap


def text_of(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def dict_of(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def from_a_bot(event: dict) -> bool:
    return bool(event.get("bot_id") or event.get("bot_profile") or event.get("subtype") == "bot_message")


@dataclass
class PendingShare:
    answer: Answer
    user: str
    channel: str
    thread_ts: str | None


class ShareCache(ExpiringMap[PendingShare]):
    """Private answers that their asker may still share, by an unguessable key the button carries.

    Only the answer is kept (never the draft); it is lost on restart, and the button then says so.
    """

    def __init__(self, size: int = 1000, ttl: float = 24 * 3600.0, clock=time.monotonic):
        super().__init__(size, ttl, clock, token_bytes=16)


def selection(body, action) -> tuple[str, str] | None:
    """The person and the value they chose in a Block Kit select (App Home), or None when either is missing."""
    user = text_of(dict_of(dict_of(body).get("user")).get("id"))
    value = dict_of(dict_of(action).get("selected_option")).get("value")
    return (user, value) if user and isinstance(value, str) else None
