"""Feedback on answers: the verdict and refs only, never the question text."""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path

KINDS = ("helpful", "not_helpful", "wrong_rule")


class FeedbackLog:
    def __init__(self, path: Path):
        self.path = path
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
        with self._lock, self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
        return row

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line.strip()]
