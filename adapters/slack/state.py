"""Small bounded in-memory state: events already seen (Slack retries) and answers waiting to be shared."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from bot.answer import Answer


class SeenEvents:
    """Remembers the last `size` event ids for `ttl` seconds (Slack retries within minutes)."""

    def __init__(self, size: int = 5000, ttl: float = 3600.0, clock=time.monotonic):
        self.size, self.ttl, self.clock = size, ttl, clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
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


@dataclass
class PendingShare:
    answer: Answer
    user: str
    channel: str
    thread_ts: str | None


class ShareCache:
    """Private answers that their asker may still share, by an unguessable key the button carries.

    Only the answer is kept (never the draft); it is lost on restart, and the button then says so.
    """

    def __init__(self, size: int = 1000, ttl: float = 24 * 3600.0, clock=time.monotonic):
        self.size, self.ttl, self.clock = size, ttl, clock
        self._items: OrderedDict[str, tuple[float, PendingShare]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, share: PendingShare) -> str:
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = (self.clock(), share)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def get(self, key: object) -> PendingShare | None:
        if not isinstance(key, str):
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            at, share = item
            if self.clock() - at > self.ttl:
                del self._items[key]
                return None
            return share

    def drop(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)
