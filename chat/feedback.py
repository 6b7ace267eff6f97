"""Feedback on answers: one per person per answer, the verdict and refs only, never the question text."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select

from bot.answer import Answer
from chat import texts
from chat.expiring import ExpiringMap
from chat.say import Say
from state.db import Database
from state.schema import FeedbackRow

KINDS = tuple(texts.FEEDBACK_BUTTONS)  # helpful, not_helpful, wrong_rule
TOKEN_BYTES = 6  # 8 characters: fits Telegram's 64-byte callback data with room to spare


class FeedbackLog:
    """Feedback rows in the shared database (`state.db`): one trail for every replica and host."""

    def __init__(self, db: Database):
        self.db = db

    def record(self, *, platform: str, kind: str, verdict: str, refs: list[str]) -> dict:
        if kind not in KINDS:
            raise ValueError(f"unknown feedback {kind!r}")
        row = {
            "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "platform": platform,
            "feedback": kind,
            "verdict": verdict,
            "refs": list(refs),
        }
        with self.db.session() as s:
            s.add(FeedbackRow(**row))
        return row

    def rows(self) -> list[dict]:
        with self.db.session() as s:
            return [{"at": r.at, "platform": r.platform, "feedback": r.feedback, "verdict": r.verdict,
                     "refs": list(r.refs)} for r in s.scalars(select(FeedbackRow).order_by(FeedbackRow.id))]


class Feedback:
    """The answers under which feedback buttons were shown, by a short token the buttons carry, and who has
    rated each: a person's first tap is recorded, a second is not (others in a group may still rate)."""

    def __init__(self, log: FeedbackLog, platform: str, capacity: int = 2000):
        self.log, self.platform = log, platform
        self._answers: ExpiringMap[tuple[str, list[str], set[str]]] = ExpiringMap(capacity, None,
                                                                                  token_bytes=TOKEN_BYTES)
        self._lock = threading.Lock()

    def offer(self, answer: Answer) -> str:
        """The token for the buttons under `answer` (only its verdict and refs are kept)."""
        return self._answers.put((answer.verdict.value, [c.ref for c in answer.citations], set()))

    def record(self, token: object, user: str, kind: object) -> Say:
        entry = self._answers.get(token)
        if entry is None or kind not in KINDS:
            return Say(texts.FEEDBACK_STALE)
        verdict, refs, raters = entry
        with self._lock:
            if user in raters:
                return Say(texts.FEEDBACK_ALREADY)
            raters.add(user)
        self.log.record(platform=self.platform, kind=str(kind), verdict=verdict, refs=refs)
        return Say(texts.FEEDBACK_RECORDED)
