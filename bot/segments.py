"""The sentences of a long draft, read one by one.

A long, friendly post with one line attacking a policy reads as friendly when embedded whole: the one line is
diluted by the rest. Reading each sentence alone lets that line be seen; a post is as restricted as its worst
sentence. Short questions are read whole only.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"(?<=[.!?।|])\s+|\n+|\s+[–—]\s+")
_TRIM = " \t\"'“”‘’()[]"


def segments(text: str, *, min_words: int = 4, limit: int = 12) -> list[str]:
    """Sentences of at least `min_words` words, at most `limit` of them; none when there is only one."""
    parts = [p.strip(_TRIM) for p in _SPLIT.split(text)]
    parts = [p for p in parts if len(p.split()) >= min_words]
    return parts[:limit] if len(parts) >= 2 else []
