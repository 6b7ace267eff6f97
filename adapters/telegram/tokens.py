"""Short tokens for feedback buttons: callback data carries only the token, never the answer."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict


class AnswerTokens:
    """A bounded map token -> (verdict, refs); the oldest answers are forgotten first."""

    def __init__(self, capacity: int = 2000):
        self.capacity = capacity
        self._items: OrderedDict[str, tuple[str, list[str]]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, verdict: str, refs: list[str]) -> str:
        token = secrets.token_urlsafe(6)  # 8 characters
        with self._lock:
            self._items[token] = (verdict, list(refs))
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return token

    def pop(self, token: str) -> tuple[str, list[str]] | None:
        with self._lock:
            return self._items.pop(token, None)

    def __len__(self) -> int:
        return len(self._items)
