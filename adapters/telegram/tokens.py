"""Short tokens for inline buttons: callback data carries only the token, never the answer or the document.

`AnswerTokens` backs the feedback buttons under answers; `PendingDocuments` backs the "Index it" / "Cancel"
buttons under an admin's document preview.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from adapters.telegram.documents import discard_dir
from bot.expiring import ExpiringMap

TOKEN_BYTES = 6  # secrets.token_urlsafe(6): 8 characters, well within callback_data's 64 bytes


def _on_map(name: str) -> property:
    """An attribute that lives on the wrapped `ExpiringMap`, so that changing it (a test's clock) takes effect."""
    return property(lambda self: getattr(self._map, name), lambda self, value: setattr(self._map, name, value))


class AnswerTokens:
    """A bounded map token -> (verdict, refs); the oldest answers are forgotten first."""

    capacity = _on_map("size")

    def __init__(self, capacity: int = 2000):
        self._map: ExpiringMap[tuple[str, list[str]]] = ExpiringMap(capacity, None, token_bytes=TOKEN_BYTES)

    def put(self, verdict: str, refs: list[str]) -> str:
        return self._map.put((verdict, list(refs)))

    def pop(self, token: str) -> tuple[str, list[str]] | None:
        return self._map.take(token)

    def __len__(self) -> int:
        return len(self._map)


@dataclass(frozen=True)
class PendingDocument:
    """A document an admin sent for indexing, downloaded and previewed, waiting for "Index it" or "Cancel"."""

    admin: str  # "telegram:<user id>" of the admin who sent it; only they may confirm it
    path: Path  # the downloaded file, alone in a private directory (0700) that this map owns
    filename: str
    applies_to: list[str] | None

    def discard(self) -> None:
        """Deletes the downloaded file and its directory."""
        discard_dir(self.path.parent)


class PendingDocuments:
    """A bounded map token -> PendingDocument whose entries expire after `ttl` seconds.

    Entries that expire, are evicted (oldest first, beyond `capacity`) or are dropped have their file
    deleted; an entry taken with `take` belongs to the caller, who deletes it with `discard()`.
    """

    ttl, capacity, clock = _on_map("ttl"), _on_map("size"), _on_map("clock")

    def __init__(self, ttl: float = 15 * 60, capacity: int = 20, clock=time.monotonic):
        self._map: ExpiringMap[PendingDocument] = ExpiringMap(capacity, ttl, clock,
                                                              on_evict=PendingDocument.discard,
                                                              token_bytes=TOKEN_BYTES)

    @staticmethod
    def new_dir() -> Path:
        """A fresh private directory for one download (mkdtemp: mode 0700, unique name)."""
        return Path(tempfile.mkdtemp(prefix="niyam-tg-index-"))

    def put(self, admin: str, path: Path, filename: str, applies_to: list[str] | None) -> str:
        return self._map.put(PendingDocument(admin, Path(path), filename, list(applies_to) if applies_to else None))

    def get(self, token: str) -> PendingDocument | None:
        """The entry, if it is still pending (it stays in the map)."""
        return self._map.get(token)

    def take(self, token: str) -> PendingDocument | None:
        """Removes and returns the entry if it is still pending; its file is then the caller's to delete."""
        return self._map.take(token)

    def drop(self, token: str) -> None:
        self._map.drop(token)

    def sweep(self) -> int:
        """Forgets expired entries and deletes their files; returns how many."""
        return self._map.sweep()

    def clear(self) -> None:
        self._map.clear()

    def __len__(self) -> int:
        return len(self._map)
