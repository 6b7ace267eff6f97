"""The quiz: realistic posts from the pack's labelled examples, drawn five a round, answered with four buttons.

The questions are the pack's own examples (knowledge/pack/*.md guidance blocks), so the guidance stays in the
pack: a post is used only when the pack labels its verdict with confidence (allowed, with care, needs sanction,
not allowed; never `unclear`) under a section that is in force and verified, and only when it reads like a post
or a question about a post (not a question about the rules themselves). The reveal names the section's rule, one
line of why (the act the rule is about, from acts.yaml, in English or Hindi) and, where the post is not plainly
allowed, the pack's compliant version.

Drawing: the concerns the person has met least come first (ties broken at random), one post a concern, a post the
person has not seen before wherever the pool still has one; so a round never repeats a post, and rounds cover the
concerns evenly. Only the question ids a person saw and their round scores are stored (chat/stats.py).
"""

from __future__ import annotations

import hashlib
import random
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chat import texts
from chat.expiring import ExpiringMap
from knowledge.acts import Acts, load_acts
from knowledge.loader import load_pack
from knowledge.model import SERVICES, Document, Status, Verdict

ROUND_SIZE = texts.QUIZ_ROUND
CHOICES: tuple[Verdict, ...] = (Verdict.allowed, Verdict.allowed_with_care, Verdict.needs_sanction,
                                Verdict.not_allowed)
CHOICE_CODES = {"a": Verdict.allowed, "c": Verdict.allowed_with_care, "s": Verdict.needs_sanction,
                "n": Verdict.not_allowed}  # what a button carries (Telegram's callback data is short)
CODE_OF = {v: k for k, v in CHOICE_CODES.items()}
ROUND_TTL = 6 * 3600.0  # an unfinished round is forgotten after this long

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
# A question about the rules themselves (does a circular bind me, what does Article 19 allow, was the rule only a
# draft) is no quiz post: the quiz asks about posts. Such examples name the rule, the circular or the law.
_META = re.compile(
    r"\b(rules?|circulars?|OM|Article\s*\d+|conduct|bind|binds|apply to me|applies to me|lagu|niyam|notice|"
    r"draft tha|amendment|manual|tribunal|High Court order|CAT|disclaimer|views personal|views are personal)\b"
    r"|नियम|परिपत्र|सर्कुलर|लागू",
    re.IGNORECASE)
MAX_POST_CHARS = 400  # a quiz post fits a phone screen


def item_id(text: str) -> str:
    """A stable id for a post: the same example keeps its id across pack edits elsewhere."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class QuizItem:
    id: str
    text: str
    verdict: Verdict
    concern: str
    ref: str  # the section whose guidance labels it
    title: str  # that section's title
    rulebooks: frozenset[str]  # the rulebooks the section's document applies to
    lang: str  # hi for a post written in Devanagari, otherwise en (English or Hinglish)
    caught: bool  # True: one of the posts the rule catches; False: one it does not catch
    compliant: str = ""


def is_post(text: str) -> bool:
    """A labelled example that reads like a post (or a question about one), not a question about the rules."""
    return len(text) <= MAX_POST_CHARS and not _META.search(text)


def _confident(doc: Document, section) -> bool:
    return section.effective_verified(doc) and section.effective_status(doc) == Status.in_force


class QuizBank:
    """Every quiz-worthy post of the pack, by id, with the words a reveal needs (acts.yaml)."""

    def __init__(self, items: Iterable[QuizItem], acts: Acts, concerns_by_ref: dict[str, str] | None = None):
        self.items: dict[str, QuizItem] = {}
        for item in items:
            self.items.setdefault(item.id, item)
        self.acts = acts
        self.concerns_by_ref = dict(concerns_by_ref or {})

    @classmethod
    def from_pack(cls, docs: Sequence[Document] | None = None, acts: Acts | None = None) -> QuizBank:
        docs = list(docs) if docs is not None else load_pack()
        acts = acts or load_acts()
        items: list[QuizItem] = []
        by_ref: dict[str, str] = {}
        for doc in docs:
            rulebooks = frozenset(s for s in doc.applies_to if s in SERVICES)
            for section in doc.sections:
                for g in section.guidance:
                    by_ref.setdefault(section.ref, g.concern)
                if not rulebooks or not _confident(doc, section):
                    continue
                for g in section.guidance:
                    if g.concern not in acts.acts:
                        continue
                    labelled = [(t, g.verdict, True) for t in g.catches]
                    labelled += [(e.text, e.verdict, False) for e in g.negatives()]
                    for text, verdict, caught in labelled:
                        text = text.strip()
                        if verdict not in CHOICES or not is_post(text):
                            continue
                        items.append(QuizItem(
                            id=item_id(text), text=text, verdict=verdict, concern=g.concern, ref=section.ref,
                            title=section.title, rulebooks=rulebooks, caught=caught,
                            lang="hi" if _DEVANAGARI.search(text) else "en", compliant=g.compliant.strip()))
        return cls(items, acts, by_ref)

    # ------------------------------------------------------------ looking up

    def get(self, qid: str) -> QuizItem | None:
        return self.items.get(qid)

    def concern_of(self, ref: str) -> str | None:
        """The concern of the section `ref` (or of its rule, `AIS 7` for `AIS 7(i)`), for the counts."""
        while ref:
            if ref in self.concerns_by_ref:
                return self.concerns_by_ref[ref]
            cut = ref.rfind("(")
            if cut <= 0:
                return None
            ref = ref[:cut]
        return None

    def concern_name(self, concern: str, lang: str = "en") -> str:
        return self.acts.name(concern, lang) or concern.replace("_", " ")

    def pool(self, rulebook: str, lang: str = "en") -> list[QuizItem]:
        """The posts for a rulebook in the person's script: Devanagari posts for Hindi, the rest otherwise; a
        language with no posts for the rulebook falls back to the other."""
        mine = [i for i in self.items.values() if rulebook in i.rulebooks]
        wanted = "hi" if lang == "hi" else "en"
        return [i for i in mine if i.lang == wanted] or mine

    # ------------------------------------------------------------ drawing

    def draw(self, rulebook: str, lang: str = "en", seen: Sequence[str] = (), n: int = ROUND_SIZE,
             rng: random.Random | None = None) -> list[QuizItem]:
        """`n` different posts: the concerns the person met least first, one post a concern, unseen posts first
        (the least recently seen when a concern has none left); a mix of verdicts where the pool allows."""
        rng = rng or random.Random()
        pool = self.pool(rulebook, lang)
        by_concern: dict[str, list[QuizItem]] = {}
        for item in pool:
            by_concern.setdefault(item.concern, []).append(item)
        met = Counter(self.items[q].concern for q in seen if q in self.items)
        last_seen = {q: i for i, q in enumerate(seen)}
        order = sorted(by_concern, key=lambda c: (met[c], rng.random()))
        chosen: list[QuizItem] = []
        verdicts: Counter[Verdict] = Counter()
        while len(chosen) < min(n, len(pool)):
            progressed = False
            for concern in order:
                if len(chosen) >= n:
                    break
                left = [i for i in by_concern[concern] if i not in chosen]
                if not left:
                    continue
                # unseen first, then the least recently seen; among those, a verdict the round has least of
                left.sort(key=lambda i: (last_seen.get(i.id, -1), verdicts[i.verdict], rng.random()))
                pick = left[0]
                chosen.append(pick)
                verdicts[pick.verdict] += 1
                progressed = True
            if not progressed:
                break
        return chosen

    # ------------------------------------------------------------ the reveal's words

    def why(self, item: QuizItem, lang: str = "en") -> str:
        """One line of why, in the person's language (the act comes from acts.yaml)."""
        act = self.concern_name(item.concern, lang)
        table = texts.QUIZ_WHY_HI if lang == "hi" else texts.QUIZ_WHY
        key = "caught" if item.caught else "clear"
        return table[key].format(ref=item.ref, act=act)

    def compliant(self, item: QuizItem, lang: str = "en") -> str:
        """The compliant version, for a post that is not plainly allowed (Hindi: the act's Hindi advice)."""
        if item.verdict == Verdict.allowed:
            return ""
        if lang == "hi":
            act = self.acts.acts.get(item.concern)
            return (act.advice_hi if act else "") or item.compliant
        return item.compliant


# ---------------------------------------------------------------- a round in progress


@dataclass
class Round:
    user: str
    lang: str
    items: list[QuizItem]
    index: int = 0  # the question now shown
    right: int = 0
    answered: set[int] = field(default_factory=set)

    @property
    def done(self) -> bool:
        return len(self.answered) >= len(self.items)


@dataclass(frozen=True)
class Question:
    """What an adapter shows: the post, its number in the round, and the token its buttons carry."""

    token: str
    number: int  # 1-based
    total: int
    item: QuizItem
    lang: str


@dataclass(frozen=True)
class Reveal:
    """What a tap shows: right or not, the right answer with its rule, why, the compliant version; then the
    next question, or the round's score."""

    chosen: Verdict
    item: QuizItem
    right: bool
    why: str
    compliant: str
    lang: str
    next: Question | None = None
    score: tuple[int, int] | None = None  # (right, total) when the round is over
    asked: Question | None = None  # the question this tap answered (to show it again above its reveal)


class QuizError(Exception):
    """A tap that cannot be scored: `reason` is `stale`, `not_yours` or `already`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Rounds:
    """Rounds in progress, in memory, by a short token the buttons carry (one round a person at a time)."""

    def __init__(self, ttl: float = ROUND_TTL):
        self._rounds: ExpiringMap[Round] = ExpiringMap(5000, ttl, token_bytes=6)
        self._current: dict[str, str] = {}
        self._lock = threading.Lock()

    def start(self, user: str, lang: str, items: list[QuizItem]) -> Question:
        round_ = Round(user, lang, items)
        token = self._rounds.put(round_)
        with self._lock:
            old = self._current.pop(user, None)
            self._current[user] = token
        if old:
            self._rounds.drop(old)
        return Question(token, 1, len(items), items[0], lang)

    def answer(self, token: str, user: str, number: int, choice: Verdict, bank: QuizBank) -> tuple[Round, Reveal]:
        round_ = self._rounds.get(token)
        if round_ is None or not 1 <= number <= len(round_.items):
            raise QuizError("stale")
        if round_.user != user:
            raise QuizError("not_yours")
        with self._lock:
            if number - 1 in round_.answered or number - 1 != round_.index:
                raise QuizError("already")
            round_.answered.add(number - 1)
            item = round_.items[number - 1]
            right = choice == item.verdict
            round_.right += right
            round_.index += 1
        nxt = None if round_.done else Question(token, round_.index + 1, len(round_.items),
                                                 round_.items[round_.index], round_.lang)
        if round_.done:
            with self._lock:
                if self._current.get(user) == token:
                    del self._current[user]
            self._rounds.take(token)
        reveal = Reveal(choice, item, right, bank.why(item, round_.lang), bank.compliant(item, round_.lang),
                        round_.lang, nxt, (round_.right, len(round_.items)) if round_.done else None,
                        Question(token, number, len(round_.items), item, round_.lang))
        return round_, reveal
