"""Chooses the excerpt a citation rests on: always a verbatim span of the indexed section text."""

from __future__ import annotations

import re

from retrieval.search import tokenize

_SENT = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z(\"“'])|\n+")
MAX = 320


# Research labels that open some digest sections; the excerpt starts after them (still verbatim).
_LABEL = re.compile(r"^(Recalled wording|Wording recalled|Gist|In substance|Substance)\s*:\s*", re.I)


_OURS = re.compile(r"^(In Niyam's reading|Niyam reads|In our reading)\b", re.I)


def sentences(text: str) -> list[str]:
    return [_LABEL.sub("", s.strip()) for s in _SENT.split(text) if s and s.strip()]


def choose(section_text: str, query: str, prefer: str = "") -> str:
    """The sentence of the section that shares most words with the question (and the rule's gist)."""
    sents = sentences(section_text) or [section_text.strip()]
    # the digest's own interpretation is not the rule: quote it only when the section has nothing else
    ruled = [x for x in sents if not _OURS.match(x)]
    sents = ruled or sents
    q = set(tokenize(query + " " + prefer))
    best, best_score = sents[0], -1.0
    for i, s in enumerate(sents):
        toks = tokenize(s)
        score = len(q.intersection(toks)) / (1 + len(toks) ** 0.5) - i * 0.01
        if score > best_score:
            best, best_score = s, score
    if len(best) > MAX:
        cut = best[:MAX]
        best = cut[: cut.rfind(" ")] if " " in cut else cut
    return best
