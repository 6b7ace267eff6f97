"""The versioned Chroma store.

Every build fills *new* collections (`niyam-sections-vN`, `niyam-examples-vN`) completely and only then
points the active-index pointer at them, in one database transaction (`state.db`: an SQLite file in the data
dir, or the deployment's PostgreSQL). A build that fails or is killed half-way leaves the pointer, and so the
serving index, untouched. Readers in other processes, on any host, open whatever collection the pointer names,
so they never see a half-built index and never depend on another process's cache.

Version numbers are allocated in the database (a row per version), so two hosts sharing one Chroma server never
name a collection alike; the build lock is held in the database too (a PostgreSQL advisory lock, or a file
lock beside the SQLite file), so one build runs at a time across every host.
Embeddings of chunks whose text is unchanged (same text hash) are copied from the active version, not
recomputed; a metadata-only change (a status, a note) costs no embedding. In an admin's change (`share=True`), a
collection whose chunks are exactly the active version's (same ids and content hashes: the pointer keeps a
digest of each) is not copied at all: the new version names the active version's collection, which no build
ever writes again. A circular's add or remove changes the sections only, so it copies 200-odd sections instead
of 2,600 chunks. A plain `niyam index build` (the way out of a damaged index) writes every collection afresh.

Disk stays flat: after a build, only the active version, the previous one, and any older version a reader
opened less than `grace_seconds` ago (readers record when they open a version: `mark_read`) are kept; older
versions, the leftovers of failed builds and the segment directories Chroma leaves behind for deleted
collections are removed. A damaged pointer does not block a
build (`niyam index build` is the way out); `status()` says what is damaged and how to recover. A build that
fails on a full disk says so in one line and leaves no collections behind.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from knowledge.errors import IndexDamaged, NiyamError
from knowledge.library import private_dir, tighten
from retrieval import engines
from retrieval.chunks import Chunk
from state.db import Database, database
from state.schema import PointerRow, VersionRow

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

log = logging.getLogger("niyam.store")

POINTER = "active-index pointer"
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
    digests: dict = field(default_factory=dict)  # "sections"/"examples" -> digest of the chunks' ids and hashes


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
    """An old version a reader opened less than this long ago is kept, so that a reader that opened it just
    before the switch can finish loading it."""

    def __init__(self, data_dir: Path, client=None, db: Database | None = None):
        """With `client`, the store uses that client and never closes it; otherwise it borrows its path's engine
        for each operation (retrieval.engines: an engine left open caches every version it ever read). `db`: the
        shared database holding the active-index pointer and the versions (default: the data dir's)."""
        self.data_dir = private_dir(Path(data_dir))
        self.db = db or database(self.data_dir)
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
    def pointer_stamp(self) -> int | None:
        """A number that changes whenever the pointer does (None before the first build): one small query, so
        a reader polls it before every question."""
        with self.db.session() as s:
            return s.scalar(select(PointerRow.seq).where(PointerRow.id == 1))

    def read_raw_pointer(self) -> bytes | None:
        with self.db.session() as s:
            return s.scalar(select(PointerRow.body).where(PointerRow.id == 1))

    def write_raw_pointer(self, raw: bytes) -> None:
        """Replaces the pointer's stored bytes as they are (recovery tools and tests of a damaged pointer)."""
        with self.db.session() as s:
            row = s.get(PointerRow, 1)
            if row is None:
                s.add(PointerRow(id=1, seq=1, body=raw, updated_at=time.time()))
            else:
                row.seq, row.body, row.updated_at = row.seq + 1, raw, time.time()

    def active(self) -> Pointer | None:
        """The active version, None before the first build; DamagedIndex if the pointer cannot be read."""
        raw = self.read_raw_pointer()
        if raw is None:
            return None
        try:
            return _parse_pointer(bytes(raw))
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            raise DamagedIndex(f"the {POINTER} is damaged ({_reason(e)}); "
                               f"run `niyam index build` to rebuild it") from None

    def active_or_none(self) -> Pointer | None:
        """`active()`, with a damaged pointer read as no pointer (for builds and recovery)."""
        try:
            return self.active()
        except DamagedIndex:
            return None

    def _write_pointer(self, p: Pointer) -> None:
        """Publishes `p`: the pointer, the new version active and the one it replaces retired, in one
        transaction."""
        now = time.time()
        body = json.dumps(asdict(p), indent=1).encode("utf-8")
        with self.db.session() as s:
            row = s.get(PointerRow, 1)
            if row is None:
                s.add(PointerRow(id=1, seq=1, body=body, updated_at=now))
            else:
                row.seq, row.body, row.updated_at = row.seq + 1, body, now
            s.execute(update(VersionRow).where(VersionRow.state == "active", VersionRow.version != p.version)
                      .values(state="retired", retired_at=now))
            v = s.get(VersionRow, p.version)
            if v is None:
                s.add(VersionRow(version=p.version, sections=p.sections, examples=p.examples, state="active",
                                 created_at=now, retired_at=None, last_read_at=None))
            else:  # a collection taken over unchanged from the previous version keeps its name
                v.state, v.sections, v.examples = "active", p.sections, p.examples

    # -- versions ----------------------------------------------------------------------------
    def mark_read(self, version: int) -> None:
        """Records that a reader is opening `version` now, so no build drops it within `grace_seconds`."""
        with self.db.session() as s:
            s.execute(update(VersionRow).where(VersionRow.version == version).values(last_read_at=time.time()))

    def _allocate(self, existing: list[str]) -> int:
        """A version number no process on this database has used, nor any collection on the store."""
        floor = max([0] + [_version(n) for n in existing])
        while True:
            with self.db.session() as s:
                top = s.scalar(select(func.max(VersionRow.version))) or 0
            version = max(top, floor) + 1
            try:
                with self.db.session() as s:
                    s.add(VersionRow(version=version, sections=f"niyam-sections-v{version}",
                                     examples=f"niyam-examples-v{version}", state="building",
                                     created_at=time.time(), retired_at=None, last_read_at=None))
                return version
            except IntegrityError:
                floor = version  # taken meanwhile: try the next

    def _set_state(self, version: int, state: str) -> None:
        with self.db.session() as s:
            s.execute(update(VersionRow).where(VersionRow.version == version).values(state=state))

    def kept_names(self, active: Pointer | None) -> set[str]:
        """The collections no build may drop: the active version's, the previous version's, and those of any
        other version a reader opened less than `grace_seconds` ago."""
        keep = {active.sections, active.examples} if active else set()
        now = time.time()
        with self.db.session() as s:
            retired = list(s.scalars(select(VersionRow).where(VersionRow.state == "retired")
                                     .order_by(VersionRow.retired_at.desc(), VersionRow.version.desc())))
        for i, v in enumerate(retired):
            if i == 0 or (v.last_read_at is not None and now - v.last_read_at < self.grace_seconds):
                keep |= {v.sections, v.examples}
        return keep

    def _forget_dropped(self, names: set[str]) -> None:
        """Versions none of whose collections survive are no longer anyone's: marked `dropped`."""
        with self.db.session() as s:
            for v in s.scalars(select(VersionRow).where(VersionRow.state.in_(("retired", "building", "failed")))):
                if v.sections not in names and v.examples not in names:
                    v.state = "dropped"

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
        """One build at a time on this database, across processes and hosts."""
        with self.db.lock("niyam-build"):
            yield

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
        share: bool = False,
    ) -> BuildReport:
        """Build a new version and make it active; `fail_after` injects a failure (tests only).

        `tx` records the admin change this build makes live (knowledge.library's journal); `share` lets the new
        version name the active version's unchanged collections instead of copying them. A damaged pointer
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
            damaged = prev is None and self.read_raw_pointer() is not None
            existing = self._collection_names()
            # leftovers of builds that failed or died before their pointer moved: no reader can use them
            if prev is not None:
                self._collect_garbage(keep=self.kept_names(prev))
                existing = self._collection_names()
            version = self._allocate(existing)
            digests = {"sections": _digest(sections), "examples": _digest(examples)}
            kept = self._unchanged(prev, embedder_name, digests, {"sections": len(sections), "examples": len(examples)},
                                   existing) if share else {}
            names = (kept.get("sections") or f"niyam-sections-v{version}",
                     kept.get("examples") or f"niyam-examples-v{version}")
            created = [n for n in names if n not in kept.values()]  # the only ones a failure may drop
            if prev and prev.embedder == embedder_name:
                reuse = self._reusable(tuple(n for n, kind in ((prev.sections, "sections"),
                                                               (prev.examples, "examples")) if kind not in kept))
            else:  # no usable pointer: reuse the newest complete version still on disk, if any
                reuse = self._reusable(self._newest_pair(existing)) if prev is None else {}
            total = len(sections) + len(examples)
            done = embedded = reused = 0
            try:
                for name, chunks in zip(names, (sections, examples), strict=False):
                    if name not in created:
                        done += len(chunks)
                        reused += len(chunks)
                        continue
                    col = self.client.create_collection(name, metadata={"hnsw:space": "cosine"},
                                                        embedding_function=None)
                    for i in range(0, len(chunks), BATCH):
                        batch = chunks[i : i + BATCH]
                        vecs: list = [reuse.get(c.embed_key) for c in batch]
                        todo = [j for j, v in enumerate(vecs) if v is None]
                        if todo:
                            new = embed([batch[j].embedded for j in todo])
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
                    documents=documents, tx=tx, digests=digests,
                )
                self._write_pointer(pointer)
            except BaseException as e:
                write_failure = _is_write_failure(e)
                if write_failure and self.chroma_dir is not None:
                    # chromadb's embedded engine hangs on the next write after a failed one (measured with
                    # chromadb 1.5.9 on a full disk): the next build in this process starts a fresh one
                    _failed_engines.add(str(self.chroma_dir))
                    engines.abandon(self._engine_key, self.client)  # never closed (it may hang) nor lent again
                for n in created:
                    self._drop(n)
                with suppress(Exception):  # the database may be what failed
                    self._set_state(version, "failed")
                self._remove_orphan_segments()
                if write_failure:
                    log.warning("niyam: index v%d could not be written (%s)", version, type(e).__name__)
                    raise IndexWriteError(_write_failure_message(e, self.data_dir)) from None
                raise
            if damaged:
                log.warning("niyam: the damaged %s was replaced by index v%d", POINTER, version)
            # after no usable pointer, no reader can be on an older version: only the new one stays
            self._collect_garbage(keep=self.kept_names(pointer) if prev is not None else set(names))
            self._remove_orphan_segments()
            if self.chroma_dir:
                tighten(self.chroma_dir)
        return BuildReport(version, len(sections), len(examples), embedded, reused, time.perf_counter() - t0)

    def _unchanged(self, prev: Pointer | None, embedder_name: str, digests: dict, counts: dict,
                   existing: list[str]) -> dict[str, str]:
        """The active version's collections ("sections"/"examples" -> name) whose chunks the new version has
        unchanged (same digest, same embedder, the collection there and complete): named, never copied."""
        if prev is None or prev.embedder != embedder_name or not isinstance(prev.digests, dict):
            return {}
        out = {}
        for kind, name in (("sections", prev.sections), ("examples", prev.examples)):
            if prev.digests.get(kind) != digests[kind] or name not in existing:
                continue
            try:
                if self.collection(name).count() == counts[kind]:
                    out[kind] = name
            except Exception:  # noqa: BLE001 - cannot be opened: build it anew
                continue
        return out

    def _reusable(self, names: tuple[str, ...] | None) -> dict[str, np.ndarray]:
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
        """Versions no reader can use any more go: only `keep` (see `kept_names`) stays. Call under the build
        lock: a version being built is then this process's own."""
        for name in self._collection_names():
            if name.startswith("niyam-") and name not in keep:
                self._drop(name)
        self._forget_dropped(set(self._collection_names()))

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
        kept = self.kept_names(p)
        stray = [n for n in names if n.startswith("niyam-") and n not in kept]
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


def _digest(chunks: list[Chunk]) -> str:
    """What a collection holds, in one string: every chunk's id and content hash (text and metadata)."""
    h = hashlib.sha256()
    for c in chunks:
        h.update(f"{c.id}\x00{c.hash}\n".encode())
    return h.hexdigest()


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
