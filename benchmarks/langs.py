"""Verdict accuracy by language and agreement across languages, with the whole advisor, on an index already built.

`make bench` builds a fresh index and times everything; this asks only what issue 13 measures (accuracy per
language, missed warnings, the share of triples answered alike) on an index you built with `niyam index build`,
so a change to the glossary or the reader is measured in a minute. Per-question verdicts go to `--out`, to
compare two runs question by question.

Usage: python benchmarks/langs.py [FILE.jsonl ...] [--data-dir .niyam] [--out benchmarks/out/langs.json]
Held-out sets (blind3, parallel, holdout2) are refused unless `--held-out` says the choices are made.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.evaluate import evaluate, load_questions, score  # noqa: E402

TUNING = ("tests/data/questions.jsonl", "benchmarks/holdout.jsonl", "benchmarks/tune2.jsonl", "benchmarks/tune3.jsonl",
          "benchmarks/tune4.jsonl", "benchmarks/tune5.jsonl")
HELD_OUT = ("blind3", "parallel", "holdout2")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", default=[str(ROOT / f) for f in TUNING if (ROOT / f).exists()])
    ap.add_argument("--data-dir", default=str(ROOT / ".niyam"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks/out/langs.json"))
    ap.add_argument("--held-out", action="store_true", help="the choices are made: score the held-out sets too")
    args = ap.parse_args()
    if not args.held_out and any(h in Path(f).stem for f in args.files for h in HELD_OUT):
        sys.exit("held-out sets are scored only once the choices are made (--held-out)")
    from bot.service import Niyam

    niyam = Niyam.open(Path(args.data_dir))
    res: dict = {}
    for f in map(Path, args.files):
        qs = load_questions(f)
        ev = evaluate(niyam, qs, k=3)
        s = score(qs, ev["items"])
        res[f.stem] = {"by_language": {lang: v["accuracy"] for lang, v in s["by_language"].items()},
                       "accuracy": s["accuracy"], "missed_warnings": s["missed_warnings"],
                       "triples_agree": s.get("triples_agree"), "latency_ms": s.get("latency_ms_by_language"),
                       "items": {i["id"]: i["verdict"] for i in ev["items"]}}
        langs = " ".join(f"{lang} {v}" for lang, v in res[f.stem]["by_language"].items())
        print(f"{f.stem:10} n={len(qs):3} acc {s['accuracy']}  {langs}  missed {s['missed_warnings']}  "
              f"triples {s.get('triples_agree', '-')}  latency {s.get('latency_ms_by_language', '-')}", flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
