"""An answer's details behind its buttons ("Why? / Rules", "Details", "Check without it"), kept in memory only.

A button carries an opaque token, never the draft (privacy, and Telegram's 64 bytes of callback data); the
answer waits here for `texts.DETAILS_TTL_MINUTES`, and is then forgotten: the button says so
(`texts.DETAILS_EXPIRED`). Nothing is written to disk; a restart forgets every answer. The answer may hold a
part of the draft (its flagged sentences, and the rest checked again), which is why it is kept for a short,
stated time only.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.answer import Answer
from chat import texts
from chat.expiring import ExpiringMap
from chat.say import Say

TOKEN_BYTES = 12  # 16 characters: "why:" + a token is far inside Telegram's 64 bytes


class AnswerDetails:
    def __init__(self, *, ttl: float = texts.DETAILS_TTL_MINUTES * 60.0, size: int = 2000,
                 clock: Callable[[], float] = time.monotonic):
        self._answers: ExpiringMap[Answer] = ExpiringMap(size, ttl, clock, token_bytes=TOKEN_BYTES)
        self.ttl = ttl

    @property
    def minutes(self) -> int:
        return max(1, round(self.ttl / 60))

    def keep(self, answer: Answer) -> str:
        """The token for the buttons under `answer`."""
        return self._answers.put(answer)

    def get(self, token: object) -> Answer | None:
        """The answer behind a button, or None once it has expired (or the token is not one of ours)."""
        return self._answers.get(token)

    def expired(self) -> Say:
        return Say(texts.DETAILS_EXPIRED, {"minutes": self.minutes})

    def __len__(self) -> int:
        return len(self._answers)
