"""A linear classifier of verdicts, trained on the pack's labelled examples when an index version is opened.

Nearest-neighbour voting reads only the few closest examples, so one surface-similar post can swing it;
a logistic regression over every example weighs all of them and learns which words and directions of the
embedding matter (measured in BENCHMARKS.md). Its features are the example's MiniLM vector and its TF-IDF
words: the embedding carries meaning, the words carry the decisive terms ("party", "donate", "leak")
that a small sentence model blurs, and character n-grams carry word variants and the Hinglish spellings
the word list misses ("donation"/"donate", "sarkar"/"sarkari"). Measured on the restricted-or-not questions
of the two tuning sets at the shipped bar, the character n-grams took the classifier alone from 0.79 to 0.84
with the same dangerous permits (BENCHMARKS.md). It is fitted from the pack alone, so new pack examples
improve it without code changes, and refitted whenever the served index version changes.
"""

from __future__ import annotations

import threading
import weakref

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from retrieval.search import Examples

# The verdicts a labelled example can teach; `unclear` is the advisor's own conclusion, never a label.
CLASSES = ("allowed", "allowed_with_care", "needs_sanction", "not_allowed", "out_of_scope")


class VerdictModel:
    def __init__(self, examples: Examples, c: float = 2.0, balanced: bool = True):
        labels = examples.column("verdict") if len(examples.metas) else np.array([], dtype=object)
        rows = np.flatnonzero(np.isin(labels, CLASSES) & ~examples.flag("state_specific")) if len(labels) else []
        self.fitted = len(set(labels[rows])) >= 2 if len(rows) else False
        if not self.fitted:
            return
        texts = [examples.texts[i] for i in rows]
        self.words = [TfidfVectorizer(sublinear_tf=True).fit(texts),
                      TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 5), min_df=2).fit(texts)]
        features = self._features(examples.vectors[rows], texts)
        self.model = LogisticRegression(C=c, solver="newton-cg", max_iter=1000, class_weight="balanced" if balanced else None).fit(features, labels[rows])
        self._order = [list(self.model.classes_).index(v) if v in self.model.classes_ else -1 for v in CLASSES]

    def proba(self, qvec: np.ndarray, text: str) -> np.ndarray:
        """Probabilities in CLASSES order (zero for a class the pack has no example of)."""
        out = np.zeros(len(CLASSES))
        if not self.fitted:
            return out
        p = self.model.predict_proba(self._features(qvec.reshape(1, -1), [text]))[0]
        for j, i in enumerate(self._order):
            if i >= 0:
                out[j] = p[i]
        return out

    def _features(self, vectors: np.ndarray, texts: list[str]):
        return hstack([csr_matrix(vectors)] + [w.transform(texts) for w in self.words]).tocsr()


class ModelCache:
    """The model of the index version being served, refitted (once, under a lock) when the version changes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._examples: weakref.ref | None = None
        self._model: VerdictModel | None = None
        self._settings: tuple = ()

    def get(self, examples: Examples, c: float, balanced: bool = True) -> VerdictModel:
        with self._lock:
            if self._model is None or self._examples is None or self._examples() is not examples \
                    or self._settings != (c, balanced):
                self._model = VerdictModel(examples, c, balanced)
                self._examples, self._settings = weakref.ref(examples), (c, balanced)
            return self._model
