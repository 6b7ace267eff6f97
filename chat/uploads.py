"""The admin upload flow, the same on every platform: stage, preview, confirm, index, clean up.

A file an admin sends for indexing is downloaded by the adapter into a fresh directory that `Uploads.new_dir`
makes inside ONE private staging directory, `NIYAM_DATA_DIR/uploads` (0700). The service previews it (writing
nothing); the preview waits, in memory and bounded, for the same admin's "Index it" or "Cancel". An entry
that expires, is pushed out, cancelled or indexed takes its directory with it; directories left behind by a
restart or a crash are deleted when the next process starts (`sweep_orphans`, older than the preview time,
so a second process on the same data dir keeps its own fresh previews). Document text is never logged.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePath

from chat import texts
from chat.expiring import ExpiringMap

STAGING = "uploads"
PREFIX = "upload-"
TOKEN_BYTES = 8  # 11 characters: with "ix:y:" within 16 bytes of Telegram's callback data


def safe_name(name: object, fallback: str = "document") -> str:
    """A file name safe to create in a staging directory (no path, no odd characters, at most 120)."""
    base = PurePath(str(name or "")).name
    base = re.sub(r"[^\w.\- ()]+", "_", base).strip(" .")
    return base[:120] or fallback


@dataclass(frozen=True)
class Pending:
    """A previewed file waiting for its admin's decision."""

    admin: str  # `platform:user id` of the admin who sent it; only they may confirm it
    path: Path  # the download, alone in its staging directory
    filename: str
    applies_to: list[str] | None = None


class Uploads:
    def __init__(self, data_dir: Path, *, ttl: float = texts.PREVIEW_TTL_MINUTES * 60.0, capacity: int = 20,
                 clock=time.monotonic):
        self.root = Path(data_dir) / STAGING
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        self._map: ExpiringMap[Pending] = ExpiringMap(capacity, ttl, clock, on_evict=self.discard,
                                                      token_bytes=TOKEN_BYTES)
        self.sweep_orphans()

    @property
    def ttl(self) -> float:
        return float(self._map.ttl or 0)

    @ttl.setter
    def ttl(self, value: float) -> None:
        self._map.ttl = value

    @property
    def minutes(self) -> int:
        return max(1, round(self.ttl / 60))

    def new_dir(self) -> Path:
        """A fresh private directory (0700) for one download; `discard_dir` it unless `put` takes it over."""
        return Path(tempfile.mkdtemp(prefix=PREFIX, dir=self.root))

    def put(self, pending: Pending) -> str:
        return self._map.put(pending)

    def get(self, token: object) -> Pending | None:
        return self._map.get(token)

    def take(self, token: object) -> Pending | None:
        """The entry, removed; its file is then the caller's to `discard`."""
        return self._map.take(token)

    def drop(self, token: object) -> None:
        self._map.drop(token)

    def sweep(self) -> int:
        return self._map.sweep()

    def clear(self) -> None:
        self._map.clear()

    def __len__(self) -> int:
        return len(self._map)

    def discard(self, pending: Pending) -> None:
        self.discard_dir(pending.path.parent)

    def discard_dir(self, folder: Path) -> None:
        """Deletes a staging directory (only ever one `new_dir` made)."""
        folder = Path(folder)
        if folder.parent == self.root and folder.name.startswith(PREFIX):
            shutil.rmtree(folder, ignore_errors=True)

    def sweep_orphans(self) -> int:
        """Deletes staging directories no entry owns that are older than the preview time; how many."""
        owned = {p.path.parent for p in self._map.values()}
        cutoff = time.time() - self.ttl
        gone = 0
        for d in self.root.glob(PREFIX + "*"):
            try:
                if d.is_dir() and d not in owned and d.stat().st_mtime < cutoff:
                    shutil.rmtree(d, ignore_errors=True)
                    gone += 1
            except OSError:
                pass
        return gone
