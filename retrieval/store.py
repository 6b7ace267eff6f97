"""The versioned Chroma store.

Every build fills *new* collections (`niyam-sections-vN`, `niyam-examples-vN`) completely and only then
points `index.json` at them with an atomic rename. A build that fails or is killed half-way leaves the
pointer, and so the serving index, untouched. Readers in other processes open whatever collection the
pointer names, so they never see a half-built index and never depend on another process's cache.
Embeddings of chunks whose text is unchanged (same text hash) are copied from the active version, not
recomputed; a metadata-only change (a status, a note) costs no embedding.

Disk stays flat: after a build, only the active version and the previous one (for readers still holding it
until their next question) are kept, and the one before that only while the previous one is less than
`grace_seconds` old; older versions, the leftovers of failed builds and the segment
directories Chroma leaves behind for deleted collections are removed. A damaged pointer does not block a
build (`niyam index build` is the way out); `status()` says what is damaged and how to recover. A build that
fails on a full disk says so in one line and leaves no collections behind.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from knowledge.errors import IndexDamaged, NiyamError
from knowledge.library import private_dir, tighten, write_private
from retrieval import engines
from retrieval.chunks import Chunk

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

log = logging.getLogger("niyam.store")

POINTER = "index.json"
BATCH = 128
COLLECTION = re.compile(r"niyam-(sections|examples)-v([0-9]{1,9})")
_SEGMENT_DIR = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


_failed_engines: set[str] = set()  # embedded stores whose engine failed a write in this process


class DamagedIndex(IndexDamaged, RuntimeError):
    """The active-index pointer cannot be read. The message is one line and names the way out."""


class IndexWriteError(NiyamError, ValueError):
    """A new index version could not be written (disk full, read-only, store unreachable); the active
    version is unchanged and the failed build's collections are gone. The message is one safe line."""


@dataclass
class Pointer:
    version: int
    sections: str
    examples: str
    built_at: str
    embedder: str
    counts: dict = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    tx: str = ""  # the admin change (if any) whose build made this version; see knowledge.library


@dataclass
class BuildReport:
    version: int
    sections: int
    examples: int
    embedded: int
    reused: int
    seconds: float


def make_client(data_dir: Path):
    """An embedded PersistentClient under the data dir, or a Chroma server when NIYAM_CHROMA_URL is set."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    url = os.environ.get("NIYAM_CHROMA_URL")
    if url:
        u = urlparse(url)
        return chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or 8000, ssl=u.scheme == "https",
                                   settings=settings)
    return chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=settings)


class IndexStore:
    grace_seconds = 60.0
    """A version that stopped being active less than this long ago is kept one build longer, so that a reader
    that opened it just before the switch can finish its question."""

    def __init__(self, data_dir: Path, client=None):
        """With `client`, the store uses that client and never closes it; otherwise it borrows its path's engine
        for each operation (retrieval.engines: an engine left open caches every version it ever read)."""
        self.data_dir = private_dir(Path(data_dir))
        self._given = client
        self._client = client
        self._users = 0  # operations under way that use the client
        self._mutex = threading.RLock()

    @property
    def _engine_key(self) -> str:
        return os.environ.get("NIYAM_CHROMA_URL") or str(self.data_dir / "chroma")

    def _borrow(self) -> None:
        self._client = engines.borrow(self._engine_key, lambda: make_client(self.data_dir))

    def close(self) -> None:
        """Gives the engine back (the end of an operation does it); a client given to the store stays open, and so
        does one an operation of this store is still using."""
        with self._mutex:
            if self._given is not None or self._client is None or self._users:
                return
            engines.give_back(self._engine_key, self._client)
            self._client = None

    @property
    def client(self):
        """The Chroma client of the operation under way. Outside one (tests, tools) a client is opened and kept
        until the end of this store's next operation or `close()`: code that runs in a serving process uses the
        operations (`read`, `build`, `status`) so that no engine stays open between them."""
        with self._mutex:
            if self._client is None:
                self._borrow()
            return self._client

    @contextmanager
    def session(self):
        """One operation's use of the store: the engine is borrowed at the start and, when no other operation of
        this store is under way, given back at the end (the last borrower in the process closes it)."""
        with self._mutex:
            if self._client is None:
                self._borrow()
            self._users += 1
        try:
            yield self.client
        finally:
            with self._mutex:
                self._users -= 1
                if self._users == 0:
                    self.close()

    @property
    def chroma_dir(self) -> Path | None:
        """The embedded store's directory (None with a Chroma server)."""
        return None if os.environ.get("NIYAM_CHROMA_URL") else self.data_dir / "chroma"

    # -- the pointer -------------------------------------------------------------------------
    @property
    def pointer_path(self) -> Path:
        return self.data_dir / POINTER

    def active(self) -> Pointer | None:
        """The active version, None before the first build; DamagedIndex if the pointer cannot be read."""
        try:
            raw = self.pointer_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise DamagedIndex(f"the active-index pointer {POINTER} cannot be read ({e.strerror}); "
                               f"run `niyam index build` to rebuild it") from None
        try:
            return _parse_pointer(raw)
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            raise DamagedIndex(f"the active-index pointer {POINTER} is damaged ({_reason(e)}); "
                               f"run `niyam index build` to rebuild it") from None

    def active_or_none(self) -> Pointer | None:
        """`active()`, with a damaged pointer read as no pointer (for builds and recovery)."""
        try:
            return self.active()
        except DamagedIndex:
            return None

    def _write_pointer(self, p: Pointer) -> None:
        write_private(self.pointer_path, json.dumps(asdict(p), indent=1))

    def collection(self, name: str):
        """A collection of this store; use it within `session()` (its engine may be closed after)."""
        return self.client.get_collection(name, embedding_function=None)

    def read(self, pointer: Pointer) -> tuple[dict, dict]:
        """Every row of a version's sections and examples (ids, texts, metadata, vectors), read within one
        operation: the reader holds the rows, and the engine that read them is closed after (see engines)."""
        include = ["documents", "metadatas", "embeddings"]
        with self.session():
            sections = self.collection(pointer.sections).get(include=include)
            examples = self.collection(pointer.examples).get(include=include)
        return dict(sections), dict(examples)

    def reopen(self) -> None:
        """A new engine for this data dir: the one this store had is forgotten without being closed (after a
        failed write it may hang), so this store and every IndexStore after it use a new one (another store
        still holding the old client keeps it until its operation ends). Raises if the store cannot be opened."""
        with self._mutex:
            if self._given is not None:
                return
            if self._client is not None:
                engines.abandon(self._engine_key, self._client)
                self._client = None
            self._borrow()

    # -- building ----------------------------------------------------------------------------
    @contextmanager
    def _build_lock(self):
        fd = os.open(self.data_dir / "build.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def build(
        self,
        sections: list[Chunk],
        examples: list[Chunk],
        embed: Callable[[list[str]], np.ndarray],
        *,
        embedder_name: str,
        documents: list[dict],
        progress: Callable[[int, int], None] | None = None,
        fail_after: int | None = None,
        tx: str = "",
    ) -> BuildReport:
        """Build a new version and make it active; `fail_after` injects a failure (tests only).

        `tx` records the admin change this build makes live (knowledge.library's journal). A damaged pointer
        is rebuilt over. Raises IndexWriteError (one line) when the store cannot be written."""
        t0 = time.perf_counter()
        with self._build_lock(), ExitStack() as operation:
            if self.chroma_dir is not None and str(self.chroma_dir) in _failed_engines:
                try:
                    self.reopen()
                except Exception as e:  # noqa: BLE001 - still no space to even open the store
                    raise IndexWriteError(_write_failure_message(e, self.data_dir)) from None
                _failed_engines.discard(str(self.chroma_dir))
            operation.enter_context(self.session())
            prev = self.active_or_none()
            damaged = prev is None and self.pointer_path.exists()
            existing = self._collection_names()
            # leftovers of builds that failed or died before their pointer moved: no reader can use them
            keep = {prev.sections, prev.examples} if prev else set()
            if prev is not None:
                self._collect_garbage(keep=keep | {n for n in existing if _version(n) == prev.version - 1})
                existing = self._collection_names()
            version = max([prev.version if prev else 0] + [_version(n) for n in existing]) + 1
            names = (f"niyam-sections-v{version}", f"niyam-examples-v{version}")
            if prev and prev.embedder == embedder_name:
                reuse = self._reusable((prev.sections, prev.examples))
            else:  # no usable pointer: reuse the newest complete version still on disk, if any
                reuse = self._reusable(self._newest_pair(existing)) if prev is None else {}
            total = len(sections) + len(examples)
            done = embedded = reused = 0
            try:
                for name, chunks in zip(names, (sections, examples), strict=False):
                    col = self.client.create_collection(name, metadata={"hnsw:space": "cosine"},
                                                        embedding_function=None)
                    for i in range(0, len(chunks), BATCH):
                        batch = chunks[i : i + BATCH]
                        vecs: list = [reuse.get(c.embed_key) for c in batch]
                        todo = [j for j, v in enumerate(vecs) if v is None]
                        if todo:
                            new = embed([batch[j].text for j in todo])
                            for j, v in zip(todo, new, strict=False):
                                vecs[j] = v
                        embedded += len(todo)
                        reused += len(batch) - len(todo)
                        col.add(ids=[c.id for c in batch], documents=[c.text for c in batch],
                                metadatas=[c.metadata for c in batch],
                                embeddings=np.asarray(vecs, dtype=np.float32))
                        done += len(batch)
                        if fail_after is not None and done >= fail_after:
                            raise RuntimeError(f"injected failure after {done} chunks")
                        if progress:
                            progress(done, total)
                    if col.count() != len(chunks):
                        raise RuntimeError(f"{name} holds {col.count()} chunks, expected {len(chunks)}")
                pointer = Pointer(
                    version=version, sections=names[0], examples=names[1],
                    built_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    embedder=embedder_name,
                    counts={"sections": len(sections), "examples": len(examples), "embedded": embedded,
                            "reused": reused},
                    documents=documents, tx=tx,
                )
                self._write_pointer(pointer)
            except BaseException as e:
                write_failure = _is_write_failure(e)
                if write_failure and self.chroma_dir is not None:
                    # chromadb's embedded engine hangs on the next write after a failed one (measured with
                    # chromadb 1.5.9 on a full disk): the next build in this process starts a fresh one
                    _failed_engines.add(str(self.chroma_dir))
                    engines.abandon(self._engine_key, self.client)  # never closed (it may hang) nor lent again
                for n in names:
                    self._drop(n)
                self._remove_orphan_segments()
                if write_failure:
                    log.warning("niyam: index v%d could not be written (%s)", version, type(e).__name__)
                    raise IndexWriteError(_write_failure_message(e, self.data_dir)) from None
                raise
            if damaged:
                log.warning("niyam: the damaged pointer %s was replaced by index v%d", POINTER, version)
            keep = {names[0], names[1]}
            if prev:
                keep |= {prev.sections, prev.examples}
                if _age_seconds(prev.built_at) < self.grace_seconds:  # the one before was live moments ago
                    keep |= {f"niyam-sections-v{prev.version - 1}", f"niyam-examples-v{prev.version - 1}"}
            self._collect_garbage(keep=keep)
            self._remove_orphan_segments()
            if self.chroma_dir:
                tighten(self.chroma_dir)
        return BuildReport(version, len(sections), len(examples), embedded, reused, time.perf_counter() - t0)

    def _reusable(self, names: tuple[str, str] | None) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for name in names or ():
            try:
                got = self.collection(name).get(include=["metadatas", "embeddings"])
            except Exception:
                continue
            for meta, vec in zip(got["metadatas"], got["embeddings"], strict=False):
                if meta and "text_hash" in meta:
                    out[meta["text_hash"]] = np.asarray(vec, dtype=np.float32)
        return out

    def _collection_names(self) -> list[str]:
        try:
            cols = self.client.list_collections()
        except Exception:  # noqa: BLE001 - a store that cannot list has nothing to reuse or collect
            return []
        return [c if isinstance(c, str) else c.name for c in cols]

    def _newest_pair(self, names: list[str]) -> tuple[str, str] | None:
        versions = sorted({_version(n) for n in names if COLLECTION.fullmatch(n)}, reverse=True)
        for v in versions:
            pair = (f"niyam-sections-v{v}", f"niyam-examples-v{v}")
            if all(p in names for p in pair):
                return pair
        return None

    def _drop(self, name: str) -> None:
        try:
            self.client.delete_collection(name)
        except Exception:
            pass

    def _collect_garbage(self, keep: set[str]) -> None:
        """Versions no reader can use any more go: only `keep` (the active and the previous) stays."""
        for name in self._collection_names():
            if name.startswith("niyam-") and name not in keep:
                self._drop(name)

    def _remove_orphan_segments(self) -> None:
        """Segment directories Chroma leaves on disk after a collection is deleted (call under the build lock)."""
        root = self.chroma_dir
        if root is None or not (root / "chroma.sqlite3").exists():
            return
        try:
            db = sqlite3.connect(f"file:{root / 'chroma.sqlite3'}?mode=ro", uri=True, timeout=10)
            try:
                live = {r[0] for r in db.execute("SELECT id FROM segments")}
            finally:
                db.close()
        except sqlite3.Error:
            return  # not sure what is live: remove nothing
        for d in root.iterdir():
            if d.is_dir() and not d.is_symlink() and _SEGMENT_DIR.fullmatch(d.name) and d.name not in live:
                shutil.rmtree(d, ignore_errors=True)

    # -- health ------------------------------------------------------------------------------
    def status(self) -> "IndexStatus":
        """What state the index is in, what is damaged and how to recover (for `niyam index status`)."""
        with self.session():
            return self._status()

    def _status(self) -> "IndexStatus":
        problems: list[str] = []
        try:
            p = self.active()
        except DamagedIndex as e:
            return IndexStatus("damaged", None, [str(e)], "run `niyam index build`: it rebuilds the index from the "
                               "bundled pack and the added documents, whatever the state of the pointer")
        names = self._collection_names()
        if p is None:
            return IndexStatus("missing", None, [], "run `niyam index build` to build the first index version")
        for n in (p.sections, p.examples):
            if n not in names:
                problems.append(f"collection {n} of the active version v{p.version} is missing")
        if not problems:
            for n, key in ((p.sections, "sections"), (p.examples, "examples")):
                want = p.counts.get(key)
                try:
                    got = self.collection(n).count()
                except Exception:  # noqa: BLE001
                    problems.append(f"collection {n} cannot be opened")
                    continue
                if want is not None and got != want:
                    problems.append(f"collection {n} holds {got} chunks, the pointer says {want}")
        if problems:
            return IndexStatus("damaged", p.version, problems, "run `niyam index build` to build a complete new "
                               "version from the bundled pack and the added documents")
        stray = [n for n in names if n.startswith("niyam-") and _version(n) not in (p.version, p.version - 1)]
        notes = [f"{len(stray)} unused collection(s) of failed or old builds; the next build removes them"] if stray else []
        return IndexStatus("ok", p.version, notes, None)


@dataclass
class IndexStatus:
    state: str  # "ok" | "missing" | "damaged"
    version: int | None
    problems: list[str]  # one line each; for "ok", notes that need no action
    recovery: str | None  # what to run, when something must be done

    def to_json(self) -> dict:
        return asdict(self)


def _parse_pointer(raw: bytes) -> Pointer:
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    known = {f for f in Pointer.__dataclass_fields__}
    p = Pointer(**{k: v for k, v in data.items() if k in known})
    if not isinstance(p.version, int) or p.version < 1:
        raise ValueError("no version number")
    for n in (p.sections, p.examples):
        if not isinstance(n, str) or not COLLECTION.fullmatch(n):
            raise ValueError("a collection name is not one of Niyam's")
    if not isinstance(p.documents, list) or not isinstance(p.counts, dict):
        raise ValueError("documents or counts are not lists and maps")
    return p


def _age_seconds(iso: str) -> float:
    try:
        then = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return float("inf")
    if then.tzinfo is None:
        then = then.replace(tzinfo=dt.timezone.utc)
    return (dt.datetime.now(dt.timezone.utc) - then).total_seconds()


def _version(name: str) -> int:
    m = COLLECTION.fullmatch(name)
    return int(m.group(2)) if m else 0


def _reason(e: BaseException) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"not complete JSON: {e.msg} at character {e.pos}"
    if isinstance(e, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(e, TypeError):
        return "fields missing"
    return " ".join(str(e).split())[:100] or type(e).__name__


_DISK_WORDS = ("disk is full", "no space left", "database or disk is full", "disk i/o error", "read-only",
               "readonly", "quota", "file too large")


def _chain(e: BaseException | None):
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        yield e
        e = e.__cause__ or e.__context__


def _is_write_failure(e: BaseException) -> bool:
    for x in _chain(e):
        if isinstance(x, OSError) and x.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO):
            return True
        if type(x).__module__.startswith("chromadb") or isinstance(x, sqlite3.Error):
            text = str(x).lower()
            if any(w in text for w in _DISK_WORDS):
                return True
    return False


def _write_failure_message(e: BaseException, data_dir: Path) -> str:
    for x in _chain(e):
        if isinstance(x, OSError) and x.errno in (errno.EROFS,):
            return "the index cannot be written: the data directory is read-only"
        text = str(x).lower()
        if "read-only" in text or "readonly" in text:
            return "the index cannot be written: the data directory is read-only"
        if "quota" in text or (isinstance(x, OSError) and x.errno == errno.EDQUOT):
            return "the index cannot be written: the disk quota is exhausted"
    return ("the index cannot be written: no space left on the disk holding the data directory; free some space "
            "and try again")
