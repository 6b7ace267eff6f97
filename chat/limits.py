"""A sliding-window limit per person, so one chat cannot starve the others, and the message when one is hit."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from chat import texts
from chat.say import QUIET, Say


class RateLimiter:
    def __init__(self, limit: int = texts.RATE_LIMIT, window: float = texts.RATE_WINDOW, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._warned: set[str] = set()
        self._lock = threading.Lock()

    def allow(self, user: str) -> bool:
        now = self.clock()
        with self._lock:
            hits = self._hits[user]
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if not hits:
                del self._hits[user]  # bounded: only people active in the last window are kept
                hits = self._hits[user]
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            self._warned.discard(user)
            return True

    def refusal(self, user: str) -> Say | None:
        """None when the person may ask now; otherwise what to tell them: said once, then QUIET until the
        window frees up (in a group, a burst must not become a burst of refusals)."""
        if self.allow(user):
            return None
        with self._lock:
            if user in self._warned:
                return QUIET
            self._warned.add(user)
        return Say(texts.RATE_LIMITED, {"limit": self.limit})
