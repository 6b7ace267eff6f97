"""The verdict classifier: fitted from labelled examples alone, refitted when the served examples change."""

import numpy as np
import pytest

from bot.classifier import CLASSES, ModelCache, VerdictModel, class_weights
from retrieval.search import Examples


def _examples(rows):
    """Examples whose vectors are one-hot by verdict, so the classifier has something real to learn."""
    vecs, texts, metas = [], [], []
    for text, verdict in rows:
        v = np.zeros(8, dtype=np.float32)
        v[CLASSES.index(verdict)] = 1.0
        vecs.append(v)
        texts.append(text)
        metas.append({"verdict": verdict, "kind": "example", "state_specific": False})
    return Examples(np.array(vecs), texts, metas)


ROWS = [
    ("wishing everyone a happy diwali with family photos", "allowed"),
    ("sharing my marathon finish photo", "allowed"),
    ("posting a factual explainer of the new scheme", "allowed_with_care"),
    ("mentioning my designation in my personal bio", "allowed_with_care"),
    ("appearing in a sponsored programme on television", "needs_sanction"),
    ("raising donations for a temple on instagram", "needs_sanction"),
    ("calling the government's new policy a disaster", "not_allowed"),
    ("posting party slogans before the election", "not_allowed"),
    ("suggest a hill station for a holiday", "out_of_scope"),
    ("how do I calculate my income tax", "out_of_scope"),
]


def test_probabilities_follow_the_labels():
    ex = _examples(ROWS)
    model = VerdictModel(ex, c=4.0)
    words = "the new policy is a disaster for the poor"
    p = model.proba(ex.vectors[6], words)
    assert p.shape == (len(CLASSES),) and abs(p.sum() - 1) < 1e-6
    assert CLASSES[int(p.argmax())] == "not_allowed"
    assert CLASSES[int(model.proba(ex.vectors[0], "happy diwali photos").argmax())] == "allowed"


def test_state_instructions_and_unlabelled_rows_are_not_learned():
    ex = _examples(ROWS)
    ex.metas[6]["state_specific"] = True
    ex.metas[7]["verdict"] = "in_scope"
    model = VerdictModel(Examples(ex.vectors, ex.texts, ex.metas), c=4.0)
    assert "not_allowed" not in model.model.classes_


def test_too_few_labels_give_no_opinion():
    model = VerdictModel(_examples(ROWS[:1]))
    assert not model.fitted and not model.proba(np.zeros(8, dtype=np.float32), "anything").any()


def test_cache_refits_for_a_new_index_version_only():
    cache = ModelCache()
    first = _examples(ROWS)
    m1 = cache.get(first, 2.0)
    assert cache.get(first, 2.0) is m1
    assert cache.get(_examples(ROWS), 2.0) is not m1


def test_class_weights_range_from_balanced_to_none():

    labels = np.array(["none|allowed"] * 90 + ["gifts|not_allowed"] * 10, dtype=object)
    balanced, half, none = (class_weights(labels, b) for b in (1.0, 0.5, 0.0))
    # 1: every act weighs the same in all (scikit-learn's "balanced"); 0: every example weighs one
    assert balanced["gifts|not_allowed"] * 10 == pytest.approx(balanced["none|allowed"] * 90)
    assert none == {"none|allowed": pytest.approx(1.0), "gifts|not_allowed": pytest.approx(1.0)}
    # in between, the small act still counts for more per example, but less than when balanced
    assert 1.0 < half["gifts|not_allowed"] / half["none|allowed"] < balanced["gifts|not_allowed"] / balanced["none|allowed"]
    for w in (balanced, half, none):  # weights average one per example
        assert w["gifts|not_allowed"] * 10 + w["none|allowed"] * 90 == pytest.approx(100)


def test_act_verdicts_read_a_rulebook_specific_act_with_the_askers_verdict():
    """CCS 8 asks sanction for articles that AIS 6 does not: for an AIS asker, the CCS media act reads as AIS's."""
    ex = _examples(ROWS)
    media = [("writing a newspaper article on city planning", "allowed_with_care", "AIS"),
             ("an article for a newspaper on rural banking", "allowed_with_care", "AIS"),
             ("writing an article in a newspaper about the monsoon", "needs_sanction", "CCS"),
             ("a newspaper article on the history of my town", "needs_sanction", "CCS")]
    extra = _examples([(t, v) for t, v, _ in media])
    for m, (_, _, book) in zip(extra.metas, media, strict=True):
        m.update(concern="media_publication", polarity="catch", rulebook=book)
    both = Examples(np.vstack([ex.vectors, extra.vectors]), ex.texts + extra.texts, ex.metas + extra.metas)
    model = VerdictModel(both, c=4.0)
    q = "a newspaper article on the monsoon"
    for book, verdict in (("AIS", "allowed_with_care"), ("CCS", "needs_sanction")):
        acts = model.act_verdicts(extra.vectors[2], q, book)
        assert abs(sum(acts.values()) - 1) < 1e-6
        assert set(k for k in acts if k.startswith("media_publication|")) == {f"media_publication|{verdict}"}
