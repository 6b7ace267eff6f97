"""Hybrid search over the active index: dense (Chroma), BM25 (bm25s) and labelled examples, fused by RRF.

The reader holds the active version's section texts and example vectors in memory (a few hundred rows)
and re-opens the collections when the pointer moves, so a new document is searchable in the serving
process without a restart.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import bm25s
import numpy as np

from retrieval.store import IndexStore, Pointer

RRF_K = 60
# Weights of the three ranked lists; measured with `niyam eval` (see BENCHMARKS.md).
WEIGHTS = {"dense": 1.0, "bm25": 0.7, "examples": 1.0}

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
class Examples:
    vectors: np.ndarray  # (n, dim), normalised
    texts: list[str]
    metas: list[dict]


class SearchIndex:
    def __init__(self, store: IndexStore, embed_query: Callable[[str], np.ndarray]):
        self.store = store
        self.embed_query = embed_query
        self._lock = threading.Lock()
        self.pointer: Pointer | None = None
        self.refresh()

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Re-open the active version if the pointer moved; cheap enough to call before every query."""
        p = self.store.active()
        if p is None:
            raise LookupError("no index has been built")
        if self.pointer and p.version == self.pointer.version and p.sections == self.pointer.sections:
            return False
        with self._lock:
            sections = self.store.collection(p.sections)
            got = sections.get(include=["documents", "metadatas"])
            ex = self.store.collection(p.examples).get(include=["documents", "metadatas", "embeddings"])
            ids, texts, metas = got["ids"], got["documents"], got["metadatas"]
            order = sorted(range(len(ids)), key=lambda i: ids[i])
            self.ids = [ids[i] for i in order]
            self.texts = [texts[i] for i in order]
            self.metas = [metas[i] for i in order]
            self.row = {id_: i for i, id_ in enumerate(self.ids)}
            self.bm25 = bm25s.BM25()
            self.bm25.index([tokenize(t) or ["_"] for t in self.texts], show_progress=False)
            vecs = np.asarray(ex["embeddings"], dtype=np.float32) if len(ex["ids"]) else np.zeros((0, 1), np.float32)
            self.examples = Examples(vecs, list(ex["documents"]), list(ex["metadatas"]))
            self.example_rows: dict[str, list[int]] = {}
            for i, m in enumerate(self.examples.metas):
                if m.get("kind") == "example":
                    self.example_rows.setdefault(f"{m['document']}::{m['ref']}", []).append(i)
            self._sections = sections
            self.pointer = p
        return True

    # -- searching ---------------------------------------------------------------------------
    def mask(self, service: str | None = None, where: Callable[[dict], bool] | None = None) -> np.ndarray:
        return np.array([
            (service is None or m.get(f"applies_{service}", False)) and (where is None or where(m))
            for m in self.metas
        ], dtype=bool)

    def search(
        self,
        query: str,
        service: str | None = None,
        k: int = 5,
        *,
        qvec: np.ndarray | None = None,
        where: Callable[[dict], bool] | None = None,
        example_sims: np.ndarray | None = None,
    ) -> list[Hit]:
        """Top-k sections for the asker's service, fused from three ranked lists."""
        if qvec is None:
            qvec = self.embed_query(query)
        allowed = self.mask(service, where)
        n = int(allowed.sum())
        if n == 0:
            return []
        depth = min(n, 50)

        # dense: Chroma's HNSW over section vectors, filtered by service
        chroma_where = {f"applies_{service}": True} if service else None
        res = self._sections.query(query_embeddings=[qvec.tolist()], n_results=min(len(self.ids), depth * 2),
                                   where=chroma_where, include=["distances"])
        dense = np.full(len(self.ids), -1.0, dtype=np.float32)
        for id_, dist in zip(res["ids"][0], res["distances"][0]):
            r = self.row.get(id_)
            if r is not None:
                dense[r] = 1.0 - float(dist)

        # sparse: BM25 over the same texts
        toks = tokenize(query)
        sparse = self.bm25.get_scores(toks) if toks else np.zeros(len(self.ids), dtype=np.float32)

        # examples: each section's best labelled example
        if example_sims is None:
            example_sims = self.example_similarities(qvec)
        exbest = np.full(len(self.ids), -1.0, dtype=np.float32)
        for key, rows in self.example_rows.items():
            r = self.row.get(key)
            if r is not None:
                exbest[r] = float(example_sims[rows].max())

        fused = np.zeros(len(self.ids), dtype=np.float64)
        ranks: dict[str, np.ndarray] = {}
        for name, scores, valid in (("dense", dense, dense > -1), ("bm25", sparse, sparse > 0),
                                    ("examples", exbest, exbest > -1)):
            ok = allowed & valid
            order = [i for i in np.argsort(-scores, kind="stable") if ok[i]][:depth]
            rank = np.full(len(self.ids), 0, dtype=np.int32)
            for pos, i in enumerate(order, start=1):
                rank[i] = pos
                fused[i] += WEIGHTS[name] / (RRF_K + pos)
            ranks[name] = rank
        fused[~allowed] = -1
        top = [i for i in np.argsort(-fused, kind="stable")[:k] if fused[i] > 0]
        return [
            Hit(id=self.ids[i], text=self.texts[i], metadata=self.metas[i], score=float(fused[i]),
                dense=float(dense[i]), bm25=float(sparse[i]), example=float(exbest[i]),
                ranks={n: int(r[i]) for n, r in ranks.items()})
            for i in top
        ]

    def example_similarities(self, qvec: np.ndarray) -> np.ndarray:
        if not len(self.examples.metas):
            return np.zeros(0, dtype=np.float32)
        return self.examples.vectors @ qvec

    def sections_of(self, document: str) -> list[tuple[str, str, dict]]:
        return [(i, t, m) for i, t, m in zip(self.ids, self.texts, self.metas) if m["document"] == document]

    def find_ref(self, ref: str) -> list[tuple[str, str, dict]]:
        """Sections whose ref matches, case-insensitively; a rule-level ref matches its sub-sections."""
        want = re.sub(r"\s+", " ", ref.strip()).lower()
        exact = [(i, t, m) for i, t, m in zip(self.ids, self.texts, self.metas) if m["ref"].lower() == want]
        if exact:
            return exact
        return [(i, t, m) for i, t, m in zip(self.ids, self.texts, self.metas)
                if m["ref"].lower().startswith(want + "(") or m["ref"].lower().startswith(want + " ")]
