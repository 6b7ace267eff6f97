"""Small bounded in-memory state: events already seen (Slack retries), answers waiting to be shared, and
files an admin shared for indexing, waiting for "Index it" or "Cancel"."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

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


@dataclass
class PendingIndex:
    user: str  # the Slack user id of the admin who shared the file; only they may confirm
    path: Path  # the downloaded copy, alone in a private directory of its own
    filename: str


class IndexPreviews:
    """Files previewed for an admin and not yet confirmed, by a short unguessable token the buttons carry.

    Each file sits alone in a private directory (mode 0700, under `root`) that the adapter owns; an entry
    that expires, is pushed out by newer ones, is cancelled or is indexed takes its directory with it.
    Held in memory only: after a restart the buttons say the preview has expired, and `remove_orphans`
    deletes directories left behind.
    """

    PREFIX = "slack-preview-"

    def __init__(self, root: Path, size: int = 20, ttl: float = 15 * 60.0, clock=time.monotonic):
        self.root, self.size, self.ttl, self.clock = Path(root), size, ttl, clock
        self._items: OrderedDict[str, tuple[float, PendingIndex]] = OrderedDict()
        self._lock = threading.Lock()

    def new_dir(self) -> Path:
        """A fresh private directory for one download; the caller deletes it unless `put` takes it over."""
        self.root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=self.root))

    def put(self, pending: PendingIndex) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            self._items[key] = (self.clock(), pending)
            pushed_out = []
            while len(self._items) > self.size:
                pushed_out.append(self._items.popitem(last=False)[1][1])
        for old in pushed_out:
            self.discard(old)
        self.sweep()
        return key

    def get(self, key: object) -> PendingIndex | None:
        """The pending file, left in place (None when unknown or expired)."""
        return self._find(key, remove=False)

    def take(self, key: object) -> PendingIndex | None:
        """The pending file, removed so that a second click finds nothing; the caller discards it."""
        return self._find(key, remove=True)

    def _find(self, key: object, *, remove: bool) -> PendingIndex | None:
        if not isinstance(key, str):
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            at, pending = item
            expired = self.clock() - at >= self.ttl
            if expired or remove:
                del self._items[key]
        if expired:
            self.discard(pending)
            return None
        return pending

    def drop(self, key: str) -> None:
        pending = self.take(key)
        if pending is not None:
            self.discard(pending)

    def sweep(self) -> int:
        """Forgets expired entries and deletes their files; how many went."""
        now = self.clock()
        with self._lock:
            gone = [k for k, (at, _) in self._items.items() if now - at >= self.ttl]
            expired = [self._items.pop(k)[1] for k in gone]
        for pending in expired:
            self.discard(pending)
        return len(expired)

    def remove_orphans(self) -> None:
        """Deletes preview directories older than the time to live that no entry owns (left by a restart)."""
        if not self.root.is_dir():
            return
        owned = {p.path.parent for _, p in list(self._items.values())}
        cutoff = time.time() - self.ttl
        for d in self.root.glob(self.PREFIX + "*"):
            try:
                if d.is_dir() and d not in owned and d.stat().st_mtime < cutoff:
                    shutil.rmtree(d, ignore_errors=True)
            except OSError:
                pass

    def discard(self, pending: PendingIndex) -> None:
        """Deletes the file and its private directory (only ever a directory `new_dir` made)."""
        folder = pending.path.parent
        if folder.parent == self.root and folder.name.startswith(self.PREFIX):
            shutil.rmtree(folder, ignore_errors=True)
        else:
            pending.path.unlink(missing_ok=True)

    def __len__(self) -> int:
        return len(self._items)
