"""Feedback on answers: one per person per answer, the verdict and refs only, never the question text."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path

from bot.answer import Answer
from chat import texts
from chat.expiring import ExpiringMap
from chat.say import Say

KINDS = tuple(texts.FEEDBACK_BUTTONS)  # helpful, not_helpful, wrong_rule
TOKEN_BYTES = 6  # 8 characters: fits Telegram's 64-byte callback data with room to spare


class FeedbackLog:
    """feedback.jsonl under the data dir (0600)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()

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
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
        return row

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line.strip()]


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
