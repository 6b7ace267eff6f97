"""The Chroma engines of this process: one per store, open only while an operation uses it.

Why: chromadb's embedded engine (1.x, Rust bindings) keeps every collection it has opened in an in-memory cache
of HNSW indexes whose capacity is the open-file limit divided by five (4,000 entries with a limit of 20,000),
and it never drops an entry whose collection was deleted since, by this process or another. A serving process
that kept one engine open grew by the size of every index version it read (about 5 MB a version with the test
pack, 88 versions measured; issue 17 item 4) while its Python heap stayed flat. Chroma's LRU settings
(`chroma_segment_cache_policy`, `chroma_memory_limit_bytes`) apply only to its legacy Python segment API, not
to this cache, and the bindings offer no call that evicts an entry; stopping the engine frees the whole cache.
So an `IndexStore` borrows its path's engine for one operation (a build, a status, reading a version into a
snapshot) and the last borrower to finish closes it (`benchmarks/versions.py` has the figures).

Every store of a path in this process shares one client object here, and every open and close goes through one
lock: chromadb's own shared-system registry counts its clients without a lock, so a close racing an open could
stop an engine another thread had just been given.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_lock = threading.Lock()


@dataclass
class _Engine:
    client: Any
    users: int = 0


_open: dict[str, _Engine] = {}


def borrow(key: str, make: Callable[[], Any]) -> Any:
    """The client of the engine for `key` (a store directory or a server URL), opened with `make` if no operation
    of this process has it open now. Raises whatever `make` raises when the store cannot be opened."""
    with _lock:
        engine = _open.get(key)
        if engine is None:
            engine = _open[key] = _Engine(make())
        engine.users += 1
        return engine.client


def give_back(key: str, client: Any) -> None:
    """One borrower of `client` is done; the last one closes the engine, which frees everything it cached.
    A client that was abandoned in the meantime is left alone."""
    with _lock:
        engine = _open.get(key)
        if engine is None or engine.client is not client:
            return
        engine.users -= 1
        if engine.users > 0:
            return
        del _open[key]
        try:
            client.close()
        except Exception:  # noqa: BLE001 - a client that cannot close has nothing more to free
            pass


def abandon(key: str, client: Any) -> None:
    """Forget `client`'s engine without closing it (it failed a write and may hang on the next call, measured with
    chromadb 1.5.9 on a full disk): the next borrower of `key` gets a new engine, and borrowers still holding
    this one keep it until they are done. chromadb's own registry forgets it too, or it would hand it out again."""
    with _lock:
        engine = _open.get(key)
        if engine is not None and engine.client is client:
            del _open[key]
        ident = getattr(client, "_identifier", None)
        if ident is None:
            return
        try:
            from chromadb.api.shared_system_client import SharedSystemClient

            system = getattr(getattr(client, "_server", None), "_system", None)
            if SharedSystemClient._identifier_to_system.get(ident) is system:
                SharedSystemClient._identifier_to_system.pop(ident, None)
                SharedSystemClient._identifier_to_refcount.pop(ident, None)
        except Exception:  # noqa: BLE001 - another chromadb: it gives what it gives
            pass


def open_count() -> int:
    """How many engines this process has open now (for tests and benchmarks)."""
    with _lock:
        return len(_open)
