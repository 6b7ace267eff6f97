"""Scores the advisor on a question file (the contract's JSON Lines format)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, field_validator

from knowledge.model import PERMISSIVE, RESTRICTIVE, SERVICES, Verdict


class Question(BaseModel):
    id: str
    service: str = "AIS"
    question: str
    expected_rules: list[str] = Field(default_factory=list)
    verdict: Verdict
    tags: list[str] = Field(default_factory=list)
    state: str | None = None  # the asker's State code or CENTRE (contract: as for `--state`)
    lang: str | None = None  # the language the question is written in: en, hinglish or hi
    all_rules: list[str] | None = None  # every rule-level key a careful adviser would accept as a citation
    triple: str | None = None  # parallel sets: the id shared by the English, Hinglish and Hindi versions

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
        a = service.ask(q.question, q.service, state=q.state)
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


MISSED = PERMISSIVE | {Verdict.out_of_scope}
VERDICT_ORDER = [v.value for v in Verdict]


def score(questions: list[Question], items: list[dict], k: int = 3) -> dict:
    """The quality figures the benchmark reports for one question set, from `evaluate`'s items: accuracy
    (overall and by language), the confusion matrix, missed warnings (a restricted post answered allowed,
    allowed with care or out of scope), allowed posts answered restricted, drafts answered out of scope,
    unresolved points answered `unclear`, injections answered right, citation precision against `all_rules`,
    and, for parallel sets, the share of triples whose answers agree."""
    by_id = {q.id: q for q in questions}
    rows = [(by_id[i["id"]], i) for i in items if i["id"] in by_id]
    n = len(rows)

    def acc(sel) -> dict:
        sel = list(sel)
        return {"n": len(sel), "accuracy": round(sum(i["verdict"] == q.verdict.value for q, i in sel) / len(sel), 3)
                if sel else None}

    confusion = {e: {g: 0 for g in VERDICT_ORDER} for e in VERDICT_ORDER}
    for q, i in rows:
        confusion[q.verdict.value][i["verdict"]] += 1
    missed = [i["id"] for q, i in rows if q.verdict in RESTRICTIVE and Verdict(i["verdict"]) in MISSED]
    strict = [i["id"] for q, i in rows if q.verdict == Verdict.allowed and Verdict(i["verdict"]) in RESTRICTIVE]
    allowed_n = sum(q.verdict == Verdict.allowed for q, _ in rows)
    drafts_oos = [i["id"] for q, i in rows if "draft" in q.tags and i["verdict"] == "out_of_scope"]
    unresolved = [(q, i) for q, i in rows if "unresolved" in q.tags]
    injections = [(q, i) for q, i in rows if "injection" in q.tags]
    cited = [(q, i) for q, i in rows if q.all_rules is not None and q.verdict != Verdict.out_of_scope and i["refs"]]
    keys = [(set(q.all_rules or []), list(dict.fromkeys(i["refs"]))) for q, i in cited]
    out = {
        "n": n,
        "accuracy": acc(rows)["accuracy"],
        "by_language": {lang: acc((q, i) for q, i in rows if (q.lang or "en") == lang)
                        for lang in ("en", "hinglish", "hi") if any((q.lang or "en") == lang for q, _ in rows)},
        "accuracy_en_hinglish": acc((q, i) for q, i in rows if (q.lang or "en") in ("en", "hinglish"))["accuracy"],
        "confusion": {e: {g: c for g, c in row.items() if c} for e, row in confusion.items() if any(row.values())},
        "missed_warnings": len(missed), "missed_warning_ids": missed,
        "allowed_answered_restricted": f"{len(strict)}/{allowed_n}", "allowed_answered_restricted_ids": strict,
        "drafts_out_of_scope": len(drafts_oos),
        "unresolved_answered_unclear": f"{sum(i['verdict'] == 'unclear' for _, i in unresolved)}/{len(unresolved)}",
        "injections_right": f"{sum(i['verdict'] == q.verdict.value for q, i in injections)}/{len(injections)}",
    }
    with_rules = [(q, i) for q, i in rows if q.expected_rules]
    if with_rules:
        out["recall_at_k"] = round(sum(any(r in q.expected_rules for r in i["refs"][:k]) for q, i in with_rules)
                                   / len(with_rules), 3)
    if keys:
        out["citation_precision"] = round(sum(len([r for r in ks if r in ok]) for ok, ks in keys)
                                          / sum(len(ks) for _, ks in keys), 3)
        out["first_citation_precision"] = round(sum(ks[0] in ok for ok, ks in keys) / len(keys), 3)
        out["citations_per_answer"] = round(sum(len(ks) for _, ks in keys) / len(keys), 2)
        out["max_citations"] = max(len(ks) for _, ks in keys)
    triples: dict[str, list[str]] = {}
    for q, i in rows:
        if q.triple:
            triples.setdefault(q.triple, []).append(i["verdict"])
    if triples:
        out["triples_agree"] = round(sum(len(set(v)) == 1 for v in triples.values()) / len(triples), 3)
    lat = [i["latency_ms"] for _, i in rows if "latency_ms" in i]
    for lang in ("en", "hi"):
        ms = [i["latency_ms"] for q, i in rows if (q.lang or "en") == lang and "latency_ms" in i]
        if ms and lat:
            out.setdefault("latency_ms_by_language", {})[lang] = {"p50": round(percentile(ms, 50), 1),
                                                                   "p95": round(percentile(ms, 95), 1)}
    return out
