"""Deliveries already handled: Slack retries an event it thinks went unanswered, and a Telegram webhook may
post the same update again. Bounded in size and time."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class SeenEvents:
    """Remembers the last `size` ids (Slack event ids, Telegram update ids) for `ttl` seconds."""

    def __init__(self, size: int = 5000, ttl: float = 3600.0, clock=time.monotonic):
        self.size, self.ttl, self.clock = size, ttl, clock
        self._seen: OrderedDict[object, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: object) -> bool:
        """True the first time an id is offered (and remembers it), False for a repeat."""
        now = self.clock()
        with self._lock:
            while self._seen:
                oldest, at = next(iter(self._seen.items()))
                if now - at < self.ttl and len(self._seen) < self.size:
                    break
                self._seen.popitem(last=False)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            return True

    def __len__(self) -> int:
        return len(self._seen)
