"""The versioned Chroma store.

Every build fills *new* collections (`niyam-sections-vN`, `niyam-examples-vN`) completely and only then
points `index.json` at them with an atomic rename. A build that fails or is killed half-way leaves the
pointer, and so the serving index, untouched. Readers in other processes open whatever collection the
pointer names, so they never see a half-built index and never depend on another process's cache.
Embeddings of chunks whose text is unchanged (same text hash) are copied from the active version, not
recomputed; a metadata-only change (a status, a note) costs no embedding.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from retrieval.chunks import Chunk

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

POINTER = "index.json"
BATCH = 128


@dataclass
class Pointer:
    version: int
    sections: str
    examples: str
    built_at: str
    embedder: str
    counts: dict = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)


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
    def __init__(self, data_dir: Path, client=None):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.client = client or make_client(self.data_dir)

    # -- the pointer -------------------------------------------------------------------------
    @property
    def pointer_path(self) -> Path:
        return self.data_dir / POINTER

    def active(self) -> Pointer | None:
        try:
            return Pointer(**json.loads(self.pointer_path.read_text()))
        except FileNotFoundError:
            return None
        except (json.JSONDecodeError, TypeError) as e:
            raise RuntimeError(f"{self.pointer_path} is damaged ({e}); run `niyam index build`") from None

    def _write_pointer(self, p: Pointer) -> None:
        tmp = self.pointer_path.with_suffix(".tmp")
        with tmp.open("w") as f:
            json.dump(asdict(p), f, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.pointer_path)

    def collection(self, name: str):
        return self.client.get_collection(name, embedding_function=None)

    # -- building ----------------------------------------------------------------------------
    @contextmanager
    def _build_lock(self):
        with (self.data_dir / "build.lock").open("w") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)

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
    ) -> BuildReport:
        """Build a new version and make it active; `fail_after` injects a failure (tests only)."""
        t0 = time.perf_counter()
        with self._build_lock():
            prev = self.active()
            version = (prev.version if prev else 0) + 1
            names = (f"niyam-sections-v{version}", f"niyam-examples-v{version}")
            for n in names:  # leftovers of a build that died before its pointer moved
                self._drop(n)
            reuse = self._reusable(prev) if prev and prev.embedder == embedder_name else {}
            total = len(sections) + len(examples)
            done = embedded = reused = 0
            try:
                for name, chunks in zip(names, (sections, examples)):
                    col = self.client.create_collection(name, metadata={"hnsw:space": "cosine"},
                                                        embedding_function=None)
                    for i in range(0, len(chunks), BATCH):
                        batch = chunks[i : i + BATCH]
                        vecs: list = [reuse.get(c.embed_key) for c in batch]
                        todo = [j for j, v in enumerate(vecs) if v is None]
                        if todo:
                            new = embed([batch[j].text for j in todo])
                            for j, v in zip(todo, new):
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
            except BaseException:
                for n in names:
                    self._drop(n)
                raise
            pointer = Pointer(
                version=version, sections=names[0], examples=names[1],
                built_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                embedder=embedder_name,
                counts={"sections": len(sections), "examples": len(examples), "embedded": embedded,
                        "reused": reused},
                documents=documents,
            )
            self._write_pointer(pointer)
            self._collect_garbage(keep={names[0], names[1], *(() if not prev else (prev.sections, prev.examples))})
        return BuildReport(version, len(sections), len(examples), embedded, reused, time.perf_counter() - t0)

    def _reusable(self, prev: Pointer) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for name in (prev.sections, prev.examples):
            try:
                got = self.collection(name).get(include=["metadatas", "embeddings"])
            except Exception:
                continue
            for meta, vec in zip(got["metadatas"], got["embeddings"]):
                if "text_hash" in meta:
                    out[meta["text_hash"]] = np.asarray(vec, dtype=np.float32)
        return out

    def _drop(self, name: str) -> None:
        try:
            self.client.delete_collection(name)
        except Exception:
            pass

    def _collect_garbage(self, keep: set[str]) -> None:
        """Old versions go, but the previous one stays for readers still holding it."""
        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            if name.startswith("niyam-") and name not in keep:
                self._drop(name)
