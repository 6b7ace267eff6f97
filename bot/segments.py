"""The sentences of a long draft, read one by one.

A long, friendly post with one line attacking a policy reads as friendly when embedded whole: the one line is
diluted by the rest. Reading each sentence alone lets that line be seen; a post is as restricted as its worst
sentence. Short questions are read whole only.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<=[.!?।|])\s+|\n+|\s+[–—]\s+")
_TRIM = " \t\"'“”‘’()[]"
# The words around a draft rather than in it: the asker introducing themselves ("I'm the Collector here"),
# announcing the draft ("Draft for my X handle, please check") or asking about it ("Can I tweet this?").
_SELF = re.compile(r"^(i am|i'm|im|i work|i serve|i was|main)\b|^मैं\s", re.I)
_ROLE = re.compile(r"\b(officer|collector|sp|dm|sdm|udc|ldc|clerk|assistant|aso|mts|director|secretary|commissioner|"
                   r"ias|ips|ifos|irs|ifs|probationer|scientist|inspector|constable|teacher|engineer|employee|"
                   r"ministry|department|office|cadre|batch|posted|government servant|karmachari|adhikari)\b|"
                   r"अधिकारी|कर्मचारी|मंत्रालय|विभाग|कार्यालय|लिपिक", re.I)
_ANNOUNCE = re.compile(r"^(draft|pasting|here is|here's|new question|question|please check|check this)\b", re.I)
_QUOTE = re.compile(r"[\"“”‘’]")


def segments(text: str, *, min_words: int = 4, limit: int = 12) -> list[str]:
    """Sentences of at least `min_words` words, at most `limit` of them; none when there is only one."""
    parts = [p.strip(_TRIM) for p in _SPLIT.split(text)]
    parts = [p for p in parts if len(p.split()) >= min_words]
    return parts[:limit] if len(parts) >= 2 else []


def framing(sentence: str) -> bool:
    """Whether a sentence of a long text is the asker's framing, not the post: a short question about it
    ("Can I go ahead?"), a short self-introduction ("I'm a UDC in CPWD.") or the announcement of the draft
    ("Pasting a draft for Facebook."). Such a sentence is never named as the one that decides."""
    s = sentence.strip(_TRIM)
    words = len(s.split())
    if _QUOTE.search(s):
        return False
    if s.endswith("?") and words <= 8:
        return True
    return words <= 12 and bool((_SELF.match(s) and _ROLE.search(s)) or _ANNOUNCE.match(s))
