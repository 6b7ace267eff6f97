"""The last draft of each conversation, held in memory for FOLLOWUP_MINUTES so that a follow-up ("without the
last line") can be read as a change to it, and where Niyam's answer to a message is, so that an edit of that
message can be answered by editing the answer.

Never written to disk, never logged, gone at restart: a draft is sensitive and follow-ups are short-lived.
Keys are the adapter's own (`chat:message id`, `channel:thread ts`); values are opaque to this module.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from chat import texts


@dataclass(frozen=True)
class Checked:
    """What one answer checked, and where the answer is (the adapter's message ids), for follow-ups and edits."""

    draft: str
    answer_refs: tuple[Any, ...] = ()
    base: str | None = None  # for an answered follow-up: the draft it changed (an edit of it is read against this)
    extra: dict = field(default_factory=dict)


class Conversations:
    """key -> Checked, each forgotten `ttl` seconds after it was put; at most `size` keys (oldest go first)."""

    def __init__(self, ttl: float = texts.FOLLOWUP_MINUTES * 60.0, size: int = 20_000,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl, self.size, self.clock = ttl, size, clock
        self._items: OrderedDict[str, tuple[float, Checked]] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, keys: Iterable[str], checked: Checked) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                self._items.pop(key, None)
                self._items[key] = (now, checked)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, key: str | None) -> Checked | None:
        if key is None:
            return None
        with self._lock:
            self._expire()
            item = self._items.get(key)
        return None if item is None else item[1]

    def first(self, keys: Iterable[str | None]) -> Checked | None:
        for key in keys:
            found = self.get(key)
            if found is not None:
                return found
        return None

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def _expire(self) -> None:
        now = self.clock()
        for key in [k for k, (at, _) in self._items.items() if now - at >= self.ttl]:
            del self._items[key]
