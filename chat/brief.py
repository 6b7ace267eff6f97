"""The first message of an answer in chat: short, so an officer can act on it at a glance.

It holds the verdict with its marker, one sentence of why that names the deciding rule, the sentence of a draft
that decides (`flagged`), one thing to do, and the disclaimer; at most `texts.BRIEF_LIMIT` characters as the
person reads them. Everything else (reasons, excerpts, caveats, sources) is one tap away, and the terminal and
`--json` stay complete. The parts are chosen and cut here, once, so Telegram and Slack say the same thing; the
adapters only add their markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer import Answer
from chat import texts
from knowledge.model import PERMISSIVE

# What a renderer may add around the parts (blank lines, a separator): kept out of the parts' budget.
CHROME = 12
# Sentence ends: a full stop, question or exclamation mark, or the Devanagari danda, before a capital or a quote;
# not after an abbreviation ("No. F 11-4/…", "O.M.", "Rs.", "e.g.") or an initial.
_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+(?=[A-Z\"“'(\u0900-\u097F])")
_ABBREVIATION = re.compile(r"(?:\b(?:No|Nos|Rs|Dr|Mr|Mrs|Ms|Sh|Smt|St|vs|viz|etc|Govt|Dept|Estt|Art|Sec|Para|Cl)|"
                           r"\b[A-Za-z]|\be\.g|\bi\.e|\.[A-Za-z]{1,3})\.$")


@dataclass(frozen=True)
class Brief:
    marker: str
    label: str
    why: str
    flagged: tuple[str, ...]  # each a verbatim sentence of the draft, possibly shortened with "…"
    todo: str
    guidance: str
    checked: str = ""  # a follow-up or an edit: what was taken as the draft ("Checked: your draft without …")
    lang: str = "en"  # the answer's language: the labels are said in it

    @property
    def headline(self) -> str:
        return f"{self.marker} {self.label}"

    @property
    def flagged_label(self) -> str:
        return texts.localize(texts.BRIEF_FLAGGED_MANY if len(self.flagged) > 1 else texts.BRIEF_FLAGGED, self.lang)

    @property
    def todo_label(self) -> str:
        return texts.localize(texts.BRIEF_TODO, self.lang)

    def quoted(self) -> str:
        """The flagged sentences, each in quotation marks."""
        return " ".join(f"“{s}”" for s in self.flagged)

    def lines(self) -> list[str]:
        """The brief as plain text, a line a part (what the length limit is measured on)."""
        out = [self.headline]
        if self.checked:
            out.append(f"🔁 {self.checked}")
        if self.why:
            out.append(self.why)
        if self.flagged:
            out.append(f"{self.flagged_label} {self.quoted()}")
        if self.todo:
            out.append(f"{self.todo_label} {self.todo}")
        out.append(self.guidance)
        return out

    def plain(self) -> str:
        return "\n".join(self.lines())


def brief(answer: Answer, limit: int = texts.BRIEF_LIMIT) -> Brief:
    """The short first message of `answer`, cut to fit `limit` characters (words are never cut in half)."""
    label = answer.label
    why = _why(answer)
    flagged = [" ".join(s.split()) for s in answer.flagged[:2] if s.strip()]
    todo = _todo(answer)
    checked = clip_words(" ".join((answer.checked_note or "").split()), 140)

    fixed = len(f"{answer.marker} {label}") + len(texts.GUIDANCE) + 4 + CHROME  # newlines between five lines
    if checked:
        fixed += len(checked) + 3
    if flagged:
        fixed += len(texts.BRIEF_FLAGGED_MANY) + 1 + 3 * len(flagged)  # label, space, quotes and a space each
    if todo:
        fixed += len(texts.BRIEF_TODO) + 1
    needs = [len(why), sum(len(s) for s in flagged), len(todo)]
    why_room, flagged_room, todo_room = _share(needs, max(0, limit - fixed))
    if flagged:
        each = max(20, flagged_room // len(flagged))
        flagged = [clip_words(s, each) for s in flagged]
    return Brief(marker=answer.marker, label=label, why=clip_words(why, why_room), flagged=tuple(flagged),
                 todo=clip_words(todo, todo_room) if todo_room >= 25 else "", guidance=texts.localize(texts.GUIDANCE, answer.language),
                 checked=checked, lang=answer.language)


def _why(answer: Answer) -> str:
    """The summary's first sentence without the verdict it repeats ("Not allowed: …"), naming the first cited
    rule when it does not already."""
    summary = " ".join(answer.summary.split())
    for label in (answer.label, answer.verdict.value.replace("_", " ")):
        if summary.lower().startswith(label.lower()):
            summary = summary[len(label):].lstrip(" :—–-,")
            break
    why = first_sentence(summary)
    if why and why[0].islower():
        why = why[0].upper() + why[1:]
    if answer.citations and not any(c.ref in why or c.shown_ref in why for c in answer.citations):
        ref = answer.citations[0].shown_ref
        why = f"{why.rstrip('.')} ({ref})." if why else f"{ref}."
    return why


def _todo(answer: Answer) -> str:
    """One thing to do: the first suggestion's first sentence. For a draft checked again without its deciding
    sentences the advisor's first suggestion says how the rest fared; when the rest may not be posted either,
    that is no thing to do, and the next suggestion is taken."""
    suggestions = [s for s in answer.suggestions if s.strip()]
    if answer.without_flagged and suggestions and not without_is_permissive(answer):
        suggestions = suggestions[1:]
    return first_sentence(" ".join(suggestions[0].split())) if suggestions else ""


def without_is_permissive(answer: Answer) -> bool:
    """Whether the draft without its flagged sentences was checked and may be posted (with care)."""
    v = (answer.without_flagged or {}).get("verdict")
    return v in {p.value for p in PERMISSIVE}


def first_sentence(text: str) -> str:
    text = text.strip()
    for m in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[: m.start()]):
            return text[: m.start()].strip()
    return text


def clip_words(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, "…" marking the cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ""
    head = text[: limit - 1]
    if " " in head and not text[limit - 1].isspace():
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:-–—") + "…"


def _share(needs: list[int], room: int) -> list[int]:
    """Max-min fair shares of `room`: a part that needs less than an equal share keeps what it needs, and the
    rest is split between the others."""
    shares = [0] * len(needs)
    left = sorted(range(len(needs)), key=lambda i: needs[i])
    while left:
        each = room // len(left)
        i = left.pop(0)
        shares[i] = min(needs[i], each)
        room -= shares[i]
    return shares
