"""A sliding-window limit per person, so one chat cannot starve the others, and the message when one is hit.
With a database (`state.db`) the hits are kept there, so the limit holds across replicas (two replicas counting
at the same instant may each let one more through; SQLite serialises them)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from sqlalchemy import delete, func, select

from chat import texts
from chat.say import QUIET, Say
from knowledge.errors import BackendUnavailable
from state.db import Database
from state.schema import RateHitRow


class RateLimiter:
    def __init__(self, limit: int = texts.RATE_LIMIT, window: float = texts.RATE_WINDOW, clock=time.monotonic, *,
                 db: Database | None = None):
        self.limit, self.window, self.clock, self.db = limit, window, clock, db
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._warned: set[str] = set()
        self._lock = threading.Lock()

    def allow(self, user: str) -> bool:
        if self.db is not None:
            try:
                allowed = self._allow_shared(user)
            except BackendUnavailable:  # the question's own path then says what is wrong
                return True
            if allowed:
                with self._lock:
                    self._warned.discard(user)
            return allowed
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

    def _allow_shared(self, user: str) -> bool:
        now = time.time()  # wall time: replicas on several hosts compare it
        with self.db.session() as s:  # type: ignore[union-attr]
            s.execute(delete(RateHitRow).where(RateHitRow.at <= now - self.window))  # everyone's, bounded
            n = s.scalar(select(func.count()).select_from(RateHitRow).where(RateHitRow.user == user)) or 0
            if n >= self.limit:
                return False
            s.add(RateHitRow(user=user, at=now))
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
