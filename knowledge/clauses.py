"""The operative clauses of an indexed circular: what it forbids, and what it allows only with permission.

A circular an admin indexes has no labelled examples, yet its operative paragraphs are acts in their own
right. Drafting language marks them the same way in every Indian office memorandum, so the patterns here
are about drafting, not about any one subject: what a clause is about comes from its own words, which the
advisor compares with the question.
"""

from __future__ import annotations

import re

from knowledge.model import SERVICES, Verdict

# "without the prior permission of", "except with the previous sanction of", "shall obtain prior approval"
_PERMISSION = re.compile(
    r"\b(without|except with|unless (he|she|they|it) (has|have) obtained|shall (first )?obtain|after obtaining)\b"
    r"[^.;]{0,40}\b(prior|previous|written|express)?\s*(permission|sanction|approval|clearance)\b", re.I)
# "No officer shall", "shall not", "is prohibited", "are strictly prohibited", "shall refrain from"
_PROHIBITION = re.compile(
    r"\b(shall|should|must|will|may) not\b|\bno (government servant|government employee|officer|employee|member|"
    r"official|person)s?\b[^.;]{0,60}\b(shall|should|may|will)\b|\b(is|are|stands?) (strictly |hereby )?"
    r"(prohibited|forbidden|barred|not permitted)\b|\bshall refrain\b|\bprohibited from\b", re.I)


def operative_verdict(text: str) -> Verdict | None:
    """`needs_sanction` for a clause that asks for permission, `not_allowed` for a prohibition, None for a
    clause that neither forbids nor requires (background, preamble, a definition, a permission)."""
    if _PERMISSION.search(text):
        return Verdict.needs_sanction
    if _PROHIBITION.search(text):
        return Verdict.not_allowed
    return None


def is_operative(text: str) -> bool:
    return operative_verdict(text) is not None


def binds_state(meta: dict, state: str | None) -> bool:
    """A document naming States binds only askers of those States; one naming none binds everyone it
    applies to. An asker whose State is not known is bound only by documents naming no State."""
    states = [a for a in (meta.get("applies_to") or "").split(",") if a and a not in SERVICES]
    if not states:
        return True
    return state is not None and state.upper() in states
