"""A small bounded, expiring, in-memory map keyed by unguessable tokens.

The chat adapters keep short-lived state behind their buttons (answers to share, previews to confirm,
feedback tokens): each button carries only a token, and the value waits here until it is used, pushed out
by newer ones or too old. Platform-neutral; no I/O of its own (an `on_evict` callback does any cleanup).
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ExpiringMap(Generic[T]):
    """token -> value, at most `size` entries (the oldest are pushed out first), each forgotten `ttl` seconds
    after it was put (`ttl=None`: never).

    `on_evict(value)` is called, once, for every entry the map gets rid of: pushed out, expired (found by any
    call), dropped or cleared. `take` hands the value to the caller instead, without calling it. Thread-safe;
    `on_evict` runs outside the lock. `clock` must not go backwards (entries expire in the order they came).
    """

    def __init__(self, size: int, ttl: float | None, clock: Callable[[], float] = time.monotonic,
                 on_evict: Callable[[T], None] | None = None, token_bytes: int = 16):
        self.size, self.ttl, self.clock = size, ttl, clock
        self.on_evict = on_evict
        self.token_bytes = token_bytes  # secrets.token_urlsafe: about 4/3 as many characters
        self._items: OrderedDict[str, tuple[float, T]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, value: T) -> str:
        """Stores `value` under a fresh token, pushing out the oldest entries beyond `size`."""
        with self._lock:
            gone = self._expired()
            token = secrets.token_urlsafe(self.token_bytes)
            while token in self._items:
                token = secrets.token_urlsafe(self.token_bytes)
            self._items[token] = (self.clock(), value)
            while len(self._items) > self.size:
                gone.append(self._items.popitem(last=False)[1][1])
        self._evict(gone)
        return token

    def get(self, token: object) -> T | None:
        """The value, left in place; None when the token is unknown, not a string or expired."""
        return self._find(token, remove=False)

    def take(self, token: object) -> T | None:
        """The value, removed so that a second use finds nothing; it is then the caller's (no `on_evict`)."""
        return self._find(token, remove=True)

    def drop(self, token: object) -> None:
        """Removes the entry, if any, and evicts it."""
        value = self.take(token)
        if value is not None:
            self._evict([value])

    def sweep(self) -> int:
        """Evicts the expired entries; how many went."""
        with self._lock:
            gone = self._expired()
        self._evict(gone)
        return len(gone)

    def clear(self) -> None:
        """Evicts every entry."""
        with self._lock:
            gone = [value for _, value in self._items.values()]
            self._items.clear()
        self._evict(gone)

    def values(self) -> list[T]:
        """A snapshot of the values held, oldest first (expired ones included until swept)."""
        with self._lock:
            return [value for _, value in self._items.values()]

    def __len__(self) -> int:
        return len(self._items)

    def _find(self, token: object, *, remove: bool) -> T | None:
        if not isinstance(token, str):
            return None
        with self._lock:
            gone = self._expired()
            item = self._items.pop(token, None) if remove else self._items.get(token)
        self._evict(gone)
        return None if item is None else item[1]

    def _expired(self) -> list[T]:
        """Pops the expired entries (call with the lock held); they are the oldest, so at the front."""
        if self.ttl is None:
            return []
        now, gone = self.clock(), []
        while self._items:
            at, value = next(iter(self._items.values()))
            if now - at < self.ttl:
                break
            self._items.popitem(last=False)
            gone.append(value)
        return gone

    def _evict(self, values: list[T]) -> None:
        if self.on_evict is not None:
            for value in values:
                self.on_evict(value)
