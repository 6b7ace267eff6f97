"""A linear classifier of the acts a post commits, trained on the pack's labelled examples.

Whole-text nearest neighbours measure topic and phrasing ("a post on my Facebook page for my followers") more
than the act that decides the rule. The classifier's classes are therefore *acts*: an example a rule catches is
labelled by its concern and verdict (`criticism_of_policy|not_allowed`, `fundraising|needs_sanction`,
`media_publication|allowed_with_care`); the posts the rules leave alone are one large class of their own
(`none|allowed`), so everyday posts are the negatives of every act; near-misses a rule lists as restricted for
some other reason are `other|…`. A verdict's probability is the sum over its acts, and the act that carries it
names the concern. Measured on the development and first held-out sets, conduct questions only, the act
classes beat verdict classes at every bar (BENCHMARKS.md).

Features: the example's MiniLM vector, its TF-IDF words and its character n-grams, all read through the
bilingual glossary (retrieval/reading.py) so Hindi and Hinglish meet the English examples. Fitted from the pack
alone, so new pack examples improve it without code changes. A fit takes a few seconds, so the fitted model
is kept on disk beside the index version it was fitted for, and the serving process refits only when the
version (or the pack's glossary, or the settings) changes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import weakref
from functools import lru_cache
from pathlib import Path

import joblib
import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from knowledge.model import PERMISSIVE
from retrieval.search import Examples

log = logging.getLogger(__name__)

# The verdicts a labelled example can teach; `unclear` is the advisor's own conclusion, never a label.
CLASSES = ("allowed", "allowed_with_care", "needs_sanction", "not_allowed", "out_of_scope")
MODEL_FORMAT = 3  # bump when the features or labels change, so cached models are refitted
_PERMISSIVE = {v.value for v in PERMISSIVE}  # labels arrive as the metadata's strings


# Acts the two rulebooks treat differently (CCS 8 asks sanction for articles and broadcasts that AIS 6, as DoPT
# quoted it, does not): their classes carry the rulebook, and an asker of the other rulebook reads them with
# the verdict their own rulebook gives the act.
BY_RULEBOOK = ("media_publication",)


def act_label(meta: dict) -> str:
    """The act an example teaches: `concern|verdict` for what a rule catches (`concern@RULEBOOK|verdict` for the
    acts the rulebooks treat differently), `none|…` for what the rules leave alone, `other|…` for a near-miss
    restricted for a reason its block does not name."""
    verdict = meta["verdict"]
    if verdict == "out_of_scope":
        return "none|out_of_scope"
    if meta.get("polarity") == "catch":
        concern = meta["concern"]
        if concern in BY_RULEBOOK and meta.get("rulebook") in ("AIS", "CCS"):
            concern = f"{concern}@{meta['rulebook']}"
        return f"{concern}|{verdict}"
    return f"{'none' if verdict in _PERMISSIVE else 'other'}|{verdict}"


def plain_act(meta: dict) -> str:
    """An example's act as `act_verdicts` keys it: its label without the rulebook of a rulebook-specific act."""
    head, verdict = act_label(meta).split("|")
    return f"{head.split('@')[0]}|{verdict}"


class VerdictModel:
    def __init__(self, examples: Examples, c: float = 16.0, balance: float = 1.0, read=None):
        labels = examples.column("verdict") if len(examples.metas) else np.array([], dtype=object)
        rows: np.ndarray = (np.flatnonzero(np.isin(labels, CLASSES) & ~examples.flag("state_specific"))
                            if len(labels) else np.zeros(0, dtype=int))
        acts = np.array([act_label(examples.metas[i]) for i in rows], dtype=object)
        self.fitted = len(set(acts)) >= 2
        if not self.fitted:
            return
        texts = [read(examples.texts[i]).text if read else examples.texts[i] for i in rows]
        self.words = [TfidfVectorizer(sublinear_tf=True).fit(texts),
                      TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 5), min_df=2).fit(texts)]
        features = self._features(examples.vectors[rows], texts)
        self.model = LogisticRegression(C=c, solver="newton-cg", max_iter=1000,
                                        class_weight=class_weights(acts, balance)).fit(features, acts)
        self.acts = [str(a) for a in self.model.classes_]
        # For an asker of each rulebook, which verdict each act stands for: its own, except a rulebook-specific
        # act of the other rulebook, which takes the verdict the asker's rulebook most often gives that concern.
        counts: dict[tuple[str, str], dict[str, int]] = {}
        for a in acts:
            head, verdict = str(a).split("|")
            if "@" in head:
                concern, book = head.split("@")
                counts.setdefault((concern, book), {}).setdefault(verdict, 0)
                counts[(concern, book)][verdict] += 1
        self._sum: dict[str, np.ndarray] = {}
        self._keys: dict[str, list[str]] = {}
        for book in ("AIS", "CCS", ""):
            verdict_of = []
            for a in self.acts:
                head, verdict = a.split("|")
                if "@" in head and book:
                    concern, other = head.split("@")
                    own = counts.get((concern, book))
                    if other != book and own:
                        verdict = max(own.items(), key=lambda kv: kv[1])[0]
                verdict_of.append(verdict)
            self._keys[book] = [f"{a.split('|')[0].split('@')[0]}|{v}" for a, v in zip(self.acts, verdict_of, strict=False)]
            arr = np.array(verdict_of, dtype=object)
            self._sum[book] = np.stack([(arr == v).astype(np.float64) for v in CLASSES], axis=1)  # acts -> verdicts

    def predict(self, qvec: np.ndarray, text: str) -> np.ndarray | None:
        """The classifier's probability of every act for one text (None when no model is fitted). One call per
        reading: the act and verdict views below are sums of this vector, so a decision that needs both does
        not pay for the features and the prediction twice (they are most of a long draft's time)."""
        if not self.fitted:
            return None
        return self.model.predict_proba(self._features(qvec.reshape(1, -1), [text]))[0]

    def acts_of(self, p: np.ndarray | None, rulebook: str | None = None) -> dict[str, float]:
        """Every act's probability from `predict` for an asker of `rulebook`, keyed `concern|verdict` with the
        verdict that rulebook gives the act (a rulebook-specific act of the other rulebook read with the asker's
        verdict); no rulebook: each act with its own verdict."""
        if p is None:
            return {}
        out: dict[str, float] = {}
        for key, pr in zip(self._keys.get(rulebook or "", self._keys[""]), p.tolist(), strict=False):
            out[key] = out.get(key, 0.0) + pr
        return out

    def verdicts_of(self, p: np.ndarray | None, rulebook: str | None = None) -> np.ndarray:
        """Verdict probabilities in CLASSES order from `predict` for an asker of `rulebook`: each the sum of its
        acts'."""
        if p is None:
            return np.zeros(len(CLASSES))
        return p @ self._sum.get(rulebook or "", self._sum[""])

    def act_proba(self, qvec: np.ndarray, text: str) -> dict[str, float]:
        """Every act's probability for one text, each with its own verdict: `act_verdicts` for no rulebook."""
        return self.act_verdicts(qvec, text)

    def act_verdicts(self, qvec: np.ndarray, text: str, rulebook: str | None = None) -> dict[str, float]:
        """Every act's probability for an asker of `rulebook` (see `acts_of`)."""
        return self.acts_of(self.predict(qvec, text), rulebook)

    def proba(self, qvec: np.ndarray, text: str, rulebook: str | None = None) -> np.ndarray:
        """Verdict probabilities in CLASSES order for an asker of `rulebook` (see `verdicts_of`)."""
        return self.verdicts_of(self.predict(qvec, text), rulebook)

    def _features(self, vectors: np.ndarray, texts: list[str]):
        return hstack([csr_matrix(vectors)] + [w.transform(texts) for w in self.words]).tocsr()


def class_weights(labels: np.ndarray, balance: float) -> dict[str, float]:
    """Each act's weight in the fit: its example count to the power `-balance`, scaled so the weights average
    one per example. `balance` 1 is scikit-learn's "balanced" (every act weighs the same in all, so an act with
    four examples counts as much as the hundreds of everyday posts), 0 is no weighting; in between, a small act
    still counts for more than its size, without making every rare act a likely reading of an unfamiliar post."""
    acts, counts = np.unique(labels, return_counts=True)
    raw = counts.astype(np.float64) ** -balance
    scale = len(labels) / float((raw * counts).sum())
    return {str(a): float(w * scale) for a, w in zip(acts, raw, strict=False)}


@lru_cache(maxsize=1)
def _code_version() -> str:
    """This module's own source: a model pickled by other code (an upgrade) is refitted, never reused."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _fingerprint(examples: Examples, c: float, balance: float, reader) -> str:
    h = hashlib.sha256(f"{MODEL_FORMAT}|{_code_version()}|{c}|{balance}".encode())
    for text, meta in zip(examples.texts, examples.metas, strict=False):
        h.update(f"{text}\x00{meta.get('verdict')}\x00{meta.get('concern')}\x00{meta.get('polarity')}"
                 f"\x00{meta.get('state_specific')}\x01".encode())
    h.update(np.ascontiguousarray(examples.vectors).tobytes())
    h.update((reader.fingerprint if reader is not None else "").encode())
    return h.hexdigest()[:24]


class ModelCache:
    """The model of the index version being served, refitted (once, under a lock) when the version changes,
    and kept on disk (`cache_dir`) so a new process loads it instead of fitting it again."""

    def __init__(self, reader=None, cache_dir: Path | None = None):
        self._reader = reader
        self._cache_dir = cache_dir
        self._lock = threading.Lock()
        self._examples: weakref.ref | None = None
        self._model: VerdictModel | None = None
        self._settings: tuple = ()

    def get(self, examples: Examples, c: float, balance: float = 1.0) -> VerdictModel:
        with self._lock:
            if self._model is None or self._examples is None or self._examples() is not examples \
                    or self._settings != (c, balance):
                self._model = self._load_or_fit(examples, c, balance)
                self._examples, self._settings = weakref.ref(examples), (c, balance)
            return self._model

    def _load_or_fit(self, examples: Examples, c: float, balance: float) -> VerdictModel:
        read = self._reader.read if self._reader else None
        path = None
        if self._cache_dir is not None:
            path = self._cache_dir / f"acts-{_fingerprint(examples, c, balance, self._reader)}.joblib"
            if path.exists():
                try:
                    return joblib.load(path)
                except Exception as e:  # a damaged cache is refitted, never fatal
                    log.warning("refitting the verdict model: cached copy unreadable (%s)", type(e).__name__)
        model = VerdictModel(examples, c, balance, read)
        if path is not None:
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                for old in path.parent.glob("acts-*.joblib"):
                    old.unlink(missing_ok=True)
                tmp = path.with_suffix(".tmp")
                joblib.dump(model, tmp)
                os.chmod(tmp, 0o600)
                os.replace(tmp, path)
            except OSError as e:
                log.warning("could not keep the verdict model on disk (%s)", type(e).__name__)
        return model
