"""The rules an asker names in a question ("does rule 17A stop me…", "नियम 17A के तहत…", "CCS rule 9").

An officer who asks about a rule by its number is worried about that rule: an answer that does not restrict the
post should show it, so the asker sees what it says (issue 14: "for allowed, cite the rule that a reader would
worry about"). Only rule-level keys are read (`AIS 17A`), in the order named; whether such a rule exists is for
the index to say, never assumed from the number.
"""

from __future__ import annotations

import re

# "rule 17A", "Rule No. 7", "AIS rule 6", "CCS 9", "niyam 17A", "नियम 17A"; one or two digits and a capital letter
# at most, so a year ("Rules 2021") or a count is never read as a rule.
_NAMED = re.compile(
    r"(?:\b(?P<code>AIS|CCS)\b\s*(?:\(conduct\)\s*)?(?:rules?\s*)?(?:no\.?\s*)?|"
    r"\b(?:rule|niyam)\s*(?:no\.?\s*)?|नियम\s*(?:संख्या\s*)?)"
    r"(?P<num>\d{1,2}[A-Z]?)(?![\d\w])",
    re.IGNORECASE,
)


def named_rules(text: str, service: str) -> list[str]:
    """Rule-level keys of the rules the text names, in the asker's rulebook unless another one is named with
    the number ("CCS rule 9" from an AIS officer stays `CCS 9`); each once, in the order named."""
    out: list[str] = []
    for m in _NAMED.finditer(text or ""):
        code = (m.group("code") or service).upper()
        num = m.group("num").upper()
        key = f"{code} {num}"
        if key not in out:
            out.append(key)
    return out
