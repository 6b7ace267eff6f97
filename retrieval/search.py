"""Hybrid search over the active index: dense (the sections' vectors as stored in Chroma, or a section's nearest
labelled example) and BM25 (bm25s), fused by weighted reciprocal rank fusion.

The reader holds the active version's section texts and example vectors in memory (a few hundred rows)
and reads the new version's collections when the pointer moves, so a new document is searchable in the serving
process without a restart; it keeps no Chroma engine open between versions (retrieval/engines.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import bm25s
import numpy as np

from knowledge.clauses import is_operative
from knowledge.errors import BackendUnavailable
from retrieval.store import IndexStore, Pointer

RRF_K = 60
# Weights of the three ranked lists; measured with `niyam eval` (see BENCHMARKS.md).
WEIGHTS = {"dense": 1.0, "bm25": 0.7}

_STOP = set(
    "a an the and or of to in on for at by with from is are was were be been being it its this that these those "
    "i me my we our you your he she they them his her their can could may might should would will shall do does "
    "did not no if as about into over under than then so such any all some what which who whom whose how when "
    "where why am have has had there here also just only very".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    out = []
    for w in _WORD.findall(text.lower()):
        if w in _STOP or len(w) < 2:
            continue
        for suf in ("ing", "ed", "es", "s"):
            if len(w) > len(suf) + 3 and w.endswith(suf):
                w = w[: -len(suf)]
                break
        out.append(w)
    return out


def RULES(m: dict) -> bool:
    """Sections that can ground a verdict: binding texts of the service, in force or of uncertain status."""
    return (m["doc_kind"] in ("rulebook", "circular", "guideline") and m["status"] in ("in_force", "uncertain")
            and not m.get("state_specific"))


@dataclass
class Hit:
    id: str
    text: str
    metadata: dict
    score: float = 0.0
    dense: float = 0.0
    bm25: float = 0.0
    example: float = 0.0
    ranks: dict = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return self.metadata["ref"]


@dataclass
class Scores:
    qvec: np.ndarray
    dense: np.ndarray
    bm25: np.ndarray
    example: np.ndarray  # per section: its best example's similarity
    example_sims: np.ndarray  # per example row: cosine similarity
    example_lex: np.ndarray  # per example row: BM25 score scaled to [0, 1] by the query's best


@dataclass
class Examples:
    vectors: np.ndarray  # (n, dim), normalised
    texts: list[str]
    metas: list[dict]
    _columns: dict = field(default_factory=dict, repr=False)

    def column(self, key: str) -> np.ndarray:
        """One metadata field of every example as an array, built once per index version, so a query
        filters examples with array operations instead of a loop over their metadata."""
        if key not in self._columns:
            self._columns[key] = np.array([m.get(key) for m in self.metas], dtype=object)
        return self._columns[key]

    def flag(self, key: str) -> np.ndarray:
        if "?" + key not in self._columns:
            self._columns["?" + key] = np.array([bool(m.get(key)) for m in self.metas], dtype=bool)
        return self._columns["?" + key]


class Snapshot:
    """One index version, complete before anyone reads it and never changed after: section texts and typed
    metadata, BM25 over them, the labelled examples' matrix, and the rows citations need. A question takes one
    snapshot at its start and reads only it, so an admin's document going live mid-question can neither fail
    it nor make a row point at another section. Built off to the side, published with one assignment."""

    def __init__(self, store: IndexStore, pointer: Pointer, embed_query: Callable[[str], np.ndarray],
                 embed_many: Callable[[list[str]], np.ndarray] | None = None):
        self.store = store
        self.pointer = pointer
        self.embed_query = embed_query
        self._embed_many = embed_many
        got, ex = store.read(pointer)  # through an engine closed after the read (retrieval.engines)
        ids, texts, metas = got["ids"], got["documents"], got["metadatas"]
        order = sorted(range(len(ids)), key=lambda i: ids[i])
        self.ids: list[str] = [ids[i] for i in order]
        self.texts: list[str] = [texts[i] for i in order]
        self.metas: list[dict] = [metas[i] for i in order]
        # The sections' vectors are held here too (normalised), so a question's dense scores are one product in
        # memory: the snapshot never calls back into a collection a later build may have retired.
        vecs = np.asarray(got["embeddings"], dtype=np.float32)[order] if len(ids) else np.zeros((0, 1), np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True) if len(ids) else np.ones((0, 1), np.float32)
        self.section_vectors = vecs / np.where(norms == 0, 1, norms)
        self.row = {id_: i for i, id_ in enumerate(self.ids)}
        self.bm25 = bm25s.BM25()
        self.bm25.index([tokenize(t) or ["_"] for t in self.texts], show_progress=False)
        vecs = np.asarray(ex["embeddings"], dtype=np.float32) if len(ex["ids"]) else np.zeros((0, 1), np.float32)
        self.examples = Examples(vecs, list(ex["documents"]), list(ex["metadatas"]))
        self.examples_bm25 = bm25s.BM25()
        self.examples_bm25.index([tokenize(t) or ["_"] for t in self.examples.texts] or [["_"]],
                                 show_progress=False)
        self.example_rows: dict[str, list[int]] = {}
        for i, m in enumerate(self.examples.metas):
            if m.get("kind") == "example":
                self.example_rows.setdefault(f"{m['document']}::{m['ref']}", []).append(i)
        # official texts of the two rulebooks, by ref, so a digest citation can quote the official words
        self.official_rows = {m["ref"]: i for i, m in enumerate(self.metas)
                              if m["source"] == "official" and m["rulebook"] in ("AIS", "CCS")
                              and m["status"] == "in_force"}
        # operative clauses of indexed circulars (official texts an admin added): acts in their own right
        self.operative_rows = [i for i, m in enumerate(self.metas)
                               if m["source"] == "official" and m["doc_kind"] in ("circular", "guideline")
                               and m["status"] == "in_force" and is_operative(m["section_text"])]
        # ...each compared with a question by its own words, without the ref and title the section chunk carries
        clause_texts = [self.metas[i]["section_text"] for i in self.operative_rows]
        self.operative_vecs = (np.asarray(self.embed_many(clause_texts), dtype=np.float32) if clause_texts
                               else np.zeros((0, 1), np.float32))

    @property
    def version(self) -> int:
        return self.pointer.version

    def refresh(self) -> bool:
        """A snapshot never changes; a reader that holds one keeps reading the same version."""
        return False

    def snapshot(self) -> "Snapshot":
        return self

    # -- searching ---------------------------------------------------------------------------
    def mask(self, service: str | None = None, where: Callable[[dict], bool] | None = None) -> np.ndarray:
        return np.array([
            (service is None or m.get(f"applies_{service}", False)) and (where is None or where(m))
            for m in self.metas
        ], dtype=bool)

    def scores(self, query: str, qvec: np.ndarray | None = None) -> "Scores":
        """Every section's dense, BM25 and best-example score for one query (one Chroma call)."""
        if qvec is None:
            qvec = self.embed_query(query)
        n = len(self.ids)
        dense = (self.section_vectors @ np.asarray(qvec, dtype=np.float32)).astype(np.float32) if n \
            else np.zeros(0, dtype=np.float32)
        toks = tokenize(query)
        sparse = self.bm25.get_scores(toks) if toks else np.zeros(n, dtype=np.float32)
        ex_sims = self.example_similarities(qvec)
        lex = self.example_lexical(query, toks)
        exbest = np.full(n, -1.0, dtype=np.float32)
        for key, rows in self.example_rows.items():
            r = self.row.get(key)
            if r is not None:
                exbest[r] = float(ex_sims[rows].max())
        return Scores(qvec, dense, np.asarray(sparse, dtype=np.float32), exbest, ex_sims, lex)

    def rank(self, sc: "Scores", allowed: np.ndarray, k: int = 5, depth: int = 50) -> list[Hit]:
        """Reciprocal rank fusion of the three lists, within the allowed rows."""
        n = len(self.ids)
        fused = np.zeros(n, dtype=np.float64)
        ranks: dict[str, np.ndarray] = {}
        # A section is as close as its own text or its closest labelled example, whichever is nearer,
        # so sections without examples compete fairly with those that have them.
        semantic = np.maximum(sc.dense, sc.example)
        for name, scores, valid in (("dense", semantic, semantic > -1), ("bm25", sc.bm25, sc.bm25 > 0)):
            ok = allowed & valid
            order = [i for i in np.argsort(-scores, kind="stable") if ok[i]][:depth]
            rank = np.zeros(n, dtype=np.int32)
            for pos, i in enumerate(order, start=1):
                rank[i] = pos
                fused[i] += WEIGHTS[name] / (RRF_K + pos)
            ranks[name] = rank
        fused[~allowed] = -1
        top = [i for i in np.argsort(-fused, kind="stable")[:k] if fused[i] > 0]
        return [
            Hit(id=self.ids[i], text=self.texts[i], metadata=self.metas[i], score=float(fused[i]),
                dense=float(sc.dense[i]), bm25=float(sc.bm25[i]), example=float(sc.example[i]),
                ranks={name: int(r[i]) for name, r in ranks.items()})
            for i in top
        ]

    def search(self, query: str, service: str | None = None, k: int = 5, *,
               where: Callable[[dict], bool] | None = RULES) -> list[Hit]:
        """Top-k sections for the asker's service; by default the texts that bind (not precedents, not a
        State's own instructions, not drafts), which is what a citation may rest on."""
        return self.rank(self.scores(query), self.mask(service, where), k)

    def embed_many(self, texts: list[str]) -> np.ndarray:
        """Several texts in one batch (the sentences of a long draft), normalised like a query."""
        if self._embed_many is not None:
            return self._embed_many(texts)
        return np.array([self.embed_query(t) for t in texts], dtype=np.float32)

    def example_lexical(self, query: str, toks: list[str] | None = None) -> np.ndarray:
        """Every example's BM25 score for the query, scaled to [0, 1] by the best."""
        n = len(self.examples.metas)
        toks = tokenize(query) if toks is None else toks
        lex = np.zeros(n, dtype=np.float32)
        if toks and n:
            raw = np.asarray(self.examples_bm25.get_scores(toks), dtype=np.float32)[:n]
            if raw.max() > 0:
                lex = raw / raw.max()
        return lex

    def example_similarities(self, qvec: np.ndarray) -> np.ndarray:
        if not len(self.examples.metas):
            return np.zeros(0, dtype=np.float32)
        return self.examples.vectors @ qvec

    def find_ref(self, ref: str) -> list[tuple[str, str, dict]]:
        """Sections whose ref matches, case-insensitively; a rule-level ref matches its sub-sections."""
        want = re.sub(r"\s+", " ", ref.strip()).lower()
        exact = [(i, t, m) for i, t, m in zip(self.ids, self.texts, self.metas, strict=False) if m["ref"].lower() == want]
        if exact:
            return exact
        return [(i, t, m) for i, t, m in zip(self.ids, self.texts, self.metas, strict=False)
                if m["ref"].lower().startswith(want + "(") or m["ref"].lower().startswith(want + " ")]


class SearchIndex:
    """The serving process's view of the active index: the current snapshot, replaced (never modified) when
    the pointer moves, so a new document is searchable without a restart. Attribute reads and searches go to
    the current snapshot; a question should take `snapshot()` once and read only that."""

    def __init__(self, store: IndexStore, embed_query: Callable[[str], np.ndarray],
                 embed_many: Callable[[list[str]], np.ndarray] | None = None):
        self.store = store
        self.embed_query = embed_query
        self._embed_many = embed_many
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._stamp = 0
        self.refresh()

    def refresh(self) -> bool:
        """Publish the active version if the pointer moved; cheap enough to call before every query. While one
        thread builds the new snapshot, the others go on reading the current one."""
        if not self._lock.acquire(blocking=self._current is None):
            return False
        try:
            try:
                stamp = self.store.pointer_stamp()  # one small query to the shared database
            except BackendUnavailable:
                if self._current is None:
                    raise
                return False  # the database is away: keep answering from the snapshot in memory
            if stamp is None:
                raise LookupError("no index has been built")
            if self._current is not None and stamp == self._stamp:
                return False
            p = self.store.active()
            if p is None:
                raise LookupError("no index has been built")
            self._stamp = stamp
            if self._current is not None and p.version == self._current.pointer.version \
                    and p.sections == self._current.pointer.sections:
                return False
            self.store.mark_read(p.version)  # no build drops it while this process loads it
            snap = Snapshot(self.store, p, self.embed_query, self._embed_many)  # built off to the side...
            self._current = snap  # ...and published with one assignment
            return True
        finally:
            self._lock.release()

    def snapshot(self) -> Snapshot:
        """The current version, refreshed first; hold it for the whole of one question."""
        self.refresh()
        assert self._current is not None
        return self._current

    @property
    def pointer(self) -> Pointer | None:
        return self._current.pointer if self._current else None

    def __getattr__(self, name: str):
        # everything else (metas, examples, scores, rank, search, find_ref…) is the current snapshot's
        current = self.__dict__.get("_current")
        if current is None:
            raise AttributeError(name)
        return getattr(current, name)
