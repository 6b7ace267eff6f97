"""Short tokens for inline buttons: callback data carries only the token, never the answer or the document.

`AnswerTokens` backs the feedback buttons under answers; `PendingDocuments` backs the "Index it" / "Cancel"
buttons under an admin's document preview.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path


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


@dataclass(frozen=True)
class PendingDocument:
    """A document an admin sent for indexing, downloaded and previewed, waiting for "Index it" or "Cancel"."""

    admin: str  # "telegram:<user id>" of the admin who sent it; only they may confirm it
    path: Path  # the downloaded file, alone in a private directory (0700) that this map owns
    filename: str
    applies_to: list[str] | None
    expires: float  # on the map's clock

    def discard(self) -> None:
        """Deletes the downloaded file and its directory."""
        shutil.rmtree(self.path.parent, ignore_errors=True)


class PendingDocuments:
    """A bounded map token -> PendingDocument whose entries expire after `ttl` seconds.

    Entries that expire, are evicted (oldest first, beyond `capacity`) or are dropped have their file
    deleted; an entry taken with `take` belongs to the caller, who deletes it with `discard()`.
    """

    def __init__(self, ttl: float = 15 * 60, capacity: int = 20, clock=time.monotonic):
        self.ttl = ttl
        self.capacity = capacity
        self.clock = clock
        self._items: OrderedDict[str, PendingDocument] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def new_dir() -> Path:
        """A fresh private directory for one download (mkdtemp: mode 0700, unique name)."""
        return Path(tempfile.mkdtemp(prefix="niyam-tg-index-"))

    def put(self, admin: str, path: Path, filename: str, applies_to: list[str] | None) -> str:
        token = secrets.token_urlsafe(6)  # 8 characters
        entry = PendingDocument(admin, Path(path), filename, list(applies_to) if applies_to else None,
                                self.clock() + self.ttl)
        with self._lock:
            dropped = self._expired()
            self._items[token] = entry
            while len(self._items) > self.capacity:
                dropped.append(self._items.popitem(last=False)[1])
        for old in dropped:
            old.discard()
        return token

    def get(self, token: str) -> PendingDocument | None:
        """The entry, if it is still pending (it stays in the map)."""
        self.sweep()
        with self._lock:
            return self._items.get(token)

    def take(self, token: str) -> PendingDocument | None:
        """Removes and returns the entry if it is still pending; its file is then the caller's to delete."""
        self.sweep()
        with self._lock:
            return self._items.pop(token, None)

    def drop(self, token: str) -> None:
        entry = self.take(token)
        if entry:
            entry.discard()

    def sweep(self) -> int:
        """Forgets expired entries and deletes their files; returns how many."""
        with self._lock:
            dropped = self._expired()
        for old in dropped:
            old.discard()
        return len(dropped)

    def clear(self) -> None:
        with self._lock:
            dropped = list(self._items.values())
            self._items.clear()
        for old in dropped:
            old.discard()

    def _expired(self) -> list[PendingDocument]:
        now = self.clock()
        gone = [t for t, e in self._items.items() if e.expires <= now]
        return [self._items.pop(t) for t in gone]

    def __len__(self) -> int:
        return len(self._items)
