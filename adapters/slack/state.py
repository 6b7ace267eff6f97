"""Small bounded in-memory state: events already seen (Slack retries), answers waiting to be shared, and
files an admin shared for indexing, waiting for "Index it" or "Cancel"."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from bot.answer import Answer
from bot.expiring import ExpiringMap


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


class ShareCache(ExpiringMap[PendingShare]):
    """Private answers that their asker may still share, by an unguessable key the button carries.

    Only the answer is kept (never the draft); it is lost on restart, and the button then says so.
    """

    def __init__(self, size: int = 1000, ttl: float = 24 * 3600.0, clock=time.monotonic):
        super().__init__(size, ttl, clock, token_bytes=16)


@dataclass
class PendingIndex:
    user: str  # the Slack user id of the admin who shared the file; only they may confirm
    path: Path  # the downloaded copy, alone in a private directory of its own
    filename: str


class IndexPreviews(ExpiringMap[PendingIndex]):
    """Files previewed for an admin and not yet confirmed, by a short unguessable token the buttons carry.

    Each file sits alone in a private directory (mode 0700, under `root`) that the adapter owns; an entry
    that expires, is pushed out by newer ones, is cancelled or is indexed takes its directory with it.
    Held in memory only: after a restart the buttons say the preview has expired, and `remove_orphans`
    deletes directories left behind. `get`, `take` (the file is then the caller's to `discard`), `drop` and
    `sweep` are `ExpiringMap`'s.
    """

    PREFIX = "slack-preview-"

    def __init__(self, root: Path, size: int = 20, ttl: float = 15 * 60.0, clock=time.monotonic):
        self.root = Path(root)
        super().__init__(size, ttl, clock, on_evict=self.discard, token_bytes=12)

    def new_dir(self) -> Path:
        """A fresh private directory for one download; the caller deletes it unless `put` takes it over."""
        self.root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=self.root))

    def remove_orphans(self) -> None:
        """Deletes preview directories older than the time to live that no entry owns (left by a restart)."""
        if not self.root.is_dir():
            return
        owned = {p.path.parent for p in self.values()}
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
