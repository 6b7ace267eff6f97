"""Training and awareness, as the chat core offers it: the quiz rounds, the weekly digest's schedule, and the
counts the report is drawn from. Platform-neutral: adapters render the `Question`s, `Reveal`s and `Say`s and route
the buttons' taps back here.

Privacy: nothing here sees a question's text except `count_answer`, which reads only the Answer (verdict, cited
rules, rulebook); the store keeps ids, scores and counts (chat/stats.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from bot.answer import VERDICT_MARKERS, Answer, verdict_label
from chat import texts
from chat.feedback import FeedbackLog
from chat.quiz import CHOICE_CODES, Question, QuizBank, QuizError, QuizItem, Reveal, Rounds
from chat.say import Say
from chat.stats import DigestTarget, StatsStore, utcnow
from knowledge.model import Verdict, rule_key

log = logging.getLogger("niyam.chat")

IST = dt.timezone(dt.timedelta(hours=5, minutes=30), "IST")
DIGEST_WEEKDAY = 0  # Monday (texts.DIGEST_DAY)
DIGEST_AT = dt.time(10, 0)  # India time (texts.DIGEST_TIME)
ANSWER_AFTER = dt.timedelta(days=1)
WEEK = dt.timedelta(days=7)

Clock = Callable[[], dt.datetime]


@functools.lru_cache(maxsize=1)
def default_bank() -> QuizBank:
    """The bundled pack's quiz posts, read once per process (the pack ships with the code)."""
    return QuizBank.from_pack()


def next_slot(after: dt.datetime) -> dt.datetime:
    """The first digest slot (Monday 10:00 India time) strictly after `after`."""
    local = after.astimezone(IST)
    day = local.date() + dt.timedelta(days=(DIGEST_WEEKDAY - local.weekday()) % 7)
    slot = dt.datetime.combine(day, DIGEST_AT, IST)
    if slot <= local:
        slot += WEEK
    return slot.astimezone(dt.timezone.utc)


def when_text(at: dt.datetime) -> str:
    """A digest time as officers read it: `Monday 7 December, 10:00 IST`."""
    local = at.astimezone(IST)
    return f"{local:%A} {local.day} {local:%B}, {local:%H:%M} IST"


def label(verdict: Verdict, lang: str = "en") -> str:
    return f"{VERDICT_MARKERS[verdict]} {verdict_label(verdict, lang)}"


@dataclass(frozen=True)
class DigestPost:
    """One thing the digest must post now: a week's `question`, or the `answer` to it."""

    kind: str  # question | answer
    target: DigestTarget
    item: QuizItem


class Training:
    def __init__(self, store: StatsStore, platform: str, *, bank: QuizBank | None = None,
                 clock: Clock = utcnow, rng: random.Random | None = None):
        self.store = store
        self.platform = platform
        self._bank = bank
        self.clock = clock
        self.rng = rng or random.Random()
        self.rounds = Rounds()

    @property
    def bank(self) -> QuizBank:
        if self._bank is None:
            self._bank = default_bank()
        return self._bank

    # ------------------------------------------------------------ the quiz

    def start(self, user: str, rulebook: str, lang: str | None) -> Question | Say:
        """A new round for `user` (a key, `platform:id`): five posts, or why there are none."""
        lang = "hi" if lang == "hi" else "en"
        items = self.bank.draw(rulebook, lang, self.store.seen(user), rng=self.rng)
        if not items:
            return Say(texts.QUIZ[lang]["empty"], {"code": rulebook})
        self.store.mark_seen(user, [i.id for i in items], self.clock())
        return self.rounds.start(user, lang, items)

    def answer(self, user: str, token: str, number: object, code: object, lang: str | None = None) -> Reveal | Say:
        """Scores a tap: the reveal (and the next question or the score), or why the tap does not count (in the
        tapper's language)."""
        said = texts.QUIZ["hi" if lang == "hi" else "en"]
        choice = CHOICE_CODES.get(str(code))
        try:
            n = int(str(number))
        except ValueError:
            n = 0
        if choice is None or n <= 0:
            return Say(said["stale"], {"command": "/quiz"})
        try:
            round_, reveal = self.rounds.answer(token, user, n, choice, self.bank)
        except QuizError as exc:
            return Say(said[exc.reason], {"command": "/quiz"})
        pairs = [("quiz_asked", reveal.item.concern)] + ([("quiz_right", reveal.item.concern)] if reveal.right else [])
        self._count(pairs)
        if reveal.score is not None:
            self.store.record_score(user, *reveal.score, when=self.clock())
        return reveal

    def question_say(self, q: Question, code: str) -> Say:
        return Say(texts.QUIZ[q.lang]["question"], {"n": q.number, "total": q.total, "code": code,
                                                     "post": q.item.text})

    def reveal_says(self, r: Reveal, platform: str) -> list[Say]:
        """The reveal's lines, each a `Say` (the adapter joins them in its markup)."""
        t = texts.QUIZ[r.lang]
        right = label(r.item.verdict, r.lang)
        says = [Say(t["right"], {"label": right}) if r.right else
                Say(t["wrong"], {"label": right, "chosen": label(r.chosen, r.lang)}),
                Say(t["rule"], {"ref": r.item.ref, "title": r.item.title}),
                Say(t["why"], {"why": r.why})]
        if r.compliant:
            says.append(Say(t["compliant"], {"compliant": r.compliant}))
        if r.score is not None:
            got, total = r.score
            praise = t["praise_high"] if got >= total - 1 else t["praise_mid"] if got * 2 >= total else t["praise_low"]
            says += [Say(""), Say(t["score"], {"right": got, "total": total, "praise": praise}),
                     Say(t["again_" + platform])]
        return says

    @staticmethod
    def choices(lang: str) -> list[tuple[str, str]]:
        """The four buttons: (code the button carries, its label)."""
        return [(code, label(v, lang)) for code, v in CHOICE_CODES.items()]

    # ------------------------------------------------------------ counts (never the question's text)

    def count_answer(self, answer: Answer, rulebook: str) -> None:
        """Counts an answer as the service gave it: its platform, verdict, rulebook, concern and rules cited."""
        pairs = [("questions", self.platform), ("verdict", answer.verdict.value), ("rulebook", str(rulebook))]
        concern = next((c for c in (self.bank.concern_of(x.ref) for x in answer.citations) if c), None)
        pairs.append(("concern", concern or "none"))
        pairs += [("cited", k) for k in dict.fromkeys(rule_key(c.ref) for c in answer.citations)]
        self._count(pairs)

    def count_feedback(self, kind: str, refs: list[str]) -> None:
        pairs = [("feedback", kind)]
        if kind == "wrong_rule":
            pairs += [("wrong_rule", k) for k in dict.fromkeys(rule_key(r) for r in refs)]
        self._count(pairs)

    def _count(self, pairs: list[tuple[str, str]]) -> None:
        try:
            self.store.bump(pairs, self.clock())
        except Exception as exc:  # a count must never cost an answer
            log.error("could not keep counts: %s", type(exc).__name__)

    # ------------------------------------------------------------ the weekly digest

    def set_digest(self, channel: str, admin: str, *, rulebook: str = "AIS", lang: str | None = None) -> Say:
        first = next_slot(self.clock())
        self.store.set_digest(self.platform, str(channel), set_by=admin, first_at=first,
                              lang="hi" if lang == "hi" else "en", rulebook=rulebook)
        log.info("%s: an admin turned the weekly quiz on for a conversation", self.platform)
        return Say(texts.DIGEST_SET, {"day": texts.DIGEST_DAY, "time": texts.DIGEST_TIME, "first": when_text(first),
                                      "off": self._command("off")})

    def drop_digest(self, channel: str) -> Say:
        if self.store.drop_digest(self.platform, str(channel)):
            return Say(texts.DIGEST_OFF)
        return Say(texts.DIGEST_NOT_SET, {"on": self._command("here")})

    def digest_status(self, channel: str) -> Say:
        target = self.store.digest(self.platform, str(channel))
        if target is None:
            return Say(texts.DIGEST_NOT_SET, {"on": self._command("here")})
        return Say(texts.DIGEST_STATUS, {"next": when_text(target.next_question_at), "off": self._command("off")})

    def _command(self, arg: str) -> str:
        return f"/digest {arg}" if self.platform == "telegram" else f"/niyam digest {arg}"

    def due(self) -> list[DigestPost]:
        """What the digest must post now, by the clock: answers first, then the week's questions."""
        now = self.clock()
        posts: list[DigestPost] = []
        for target in self.store.digests(self.platform):
            pending = self.bank.get(target.pending_item) if target.pending_item else None
            if pending is not None and target.answer_at is not None and target.answer_at <= now:
                posts.append(DigestPost("answer", target, pending))
            if target.next_question_at <= now:
                seen = self.store.seen(self._digest_key(target))
                drawn = self.bank.draw(target.rulebook, target.lang, seen, n=1, rng=self.rng)
                if drawn:
                    posts.append(DigestPost("question", target, drawn[0]))
        return posts

    def posted(self, post: DigestPost) -> None:
        """Moves the schedule on after `post` went out (or failed: a failed week is skipped, not retried)."""
        now = self.clock()
        t = self.store.digest(self.platform, post.target.channel) or post.target
        if post.kind == "answer":
            self.store.update_digest(self.platform, t.channel, next_question_at=t.next_question_at,
                                     pending_item=None, answer_at=None)
            return
        nxt = t.next_question_at + WEEK
        if nxt <= now:
            nxt = next_slot(now)
        self.store.mark_seen(self._digest_key(t), [post.item.id], now)
        self.store.update_digest(self.platform, t.channel, next_question_at=nxt, pending_item=post.item.id,
                                 answer_at=now + ANSWER_AFTER)

    def digest_say(self, post: DigestPost) -> Say:
        item, lang = post.item, post.target.lang
        if post.kind == "question":
            return Say(texts.DIGEST_QUESTION, {"code": post.target.rulebook, "post": item.text})
        return Say(texts.DIGEST_ANSWER, {"post": item.text, "label": label(item.verdict, lang), "ref": item.ref,
                                         "title": item.title, "why": self.bank.why(item, lang)})

    def _digest_key(self, target: DigestTarget) -> str:
        return f"digest:{target.platform}:{target.channel}"


class CountedFeedbackLog(FeedbackLog):
    """The feedback log, counting each feedback (and each "wrong rule" per rule) for the report as it is kept."""

    def __init__(self, db, training: Training):
        super().__init__(db)
        self.training = training

    def record(self, *, platform: str, kind: str, verdict: str, refs: list[str]) -> dict:
        row = super().record(platform=platform, kind=kind, verdict=verdict, refs=refs)
        self.training.count_feedback(kind, list(refs))
        return row
