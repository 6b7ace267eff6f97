"""Scores the advisor on a question file (the contract's JSON Lines format)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, field_validator

from knowledge.model import SERVICES, Verdict

PERMISSIVE = {Verdict.allowed, Verdict.allowed_with_care}
RESTRICTIVE = {Verdict.needs_sanction, Verdict.not_allowed}


class Question(BaseModel):
    id: str
    service: str = "AIS"
    question: str
    expected_rules: list[str] = Field(default_factory=list)
    verdict: Verdict
    tags: list[str] = Field(default_factory=list)

    @field_validator("service")
    @classmethod
    def _service(cls, v: str) -> str:
        v = v.upper()
        if v not in SERVICES:
            raise ValueError(f"service must be one of {', '.join(SERVICES)}")
        return v


def load_questions(path: Path) -> list[Question]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(Question.model_validate_json(line))
        except ValidationError as e:
            err = e.errors()[0]
            raise ValueError(f"{path}:{n}: {'.'.join(map(str, err['loc'])) or 'line'}: {err['msg']}") from None
    if not out:
        raise ValueError(f"{path}: no questions")
    return out


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    i = min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))
    return s[i]


def evaluate(service, questions: list[Question], k: int = 3) -> dict:
    service.ask("warm-up: can I post a festival greeting?", "AIS")  # latency is measured warm
    items, lat = [], []
    hits = with_rules = correct = dangerous = 0
    for q in questions:
        t0 = time.perf_counter()
        a = service.ask(q.question, q.service)
        ms = (time.perf_counter() - t0) * 1000
        lat.append(ms)
        refs = [c.rule_key for c in a.citations]
        hit = None
        if q.expected_rules:
            with_rules += 1
            hit = any(r in q.expected_rules for r in refs[:k])
            hits += hit
        correct += a.verdict == q.verdict
        dangerous += q.verdict in RESTRICTIVE and a.verdict in PERMISSIVE
        items.append({"id": q.id, "verdict": a.verdict.value, "expected_verdict": q.verdict.value, "refs": refs,
                      "hit": hit, "latency_ms": round(ms, 2)})
    return {
        "n": len(questions),
        "k": k,
        "recall_at_k": round(hits / with_rules, 4) if with_rules else None,
        "verdict_accuracy": round(correct / len(questions), 4),
        "dangerous_permits": dangerous,
        "latency_ms": {"p50": round(percentile(lat, 50), 2), "p95": round(percentile(lat, 95), 2)},
        "items": items,
    }


def dump(result: dict) -> str:
    return json.dumps(result, indent=1)
