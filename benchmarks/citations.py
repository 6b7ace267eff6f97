"""Citation figures on the tuning sets (issue 14): precision, first citation right, recall@3, citations per answer.

The development set and the first held-out set carry no `all_rules`; their `expected_rules` stand in for it
there, a lower bound (a careful adviser may accept more). Each item's verdict and cited refs are written to
`--dump`, so a change to the citations can be checked to leave every verdict as it was:
  python benchmarks/citations.py --dump before.json; (change); python benchmarks/citations.py --dump after.json --diff before.json
Only tuning sets by default; a held-out set may be named with --sets to report its figures, never to choose.
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

from bot.evaluate import load_questions  # noqa: E402

TUNING = [ROOT / "tests/data/questions.jsonl", ROOT / "benchmarks/holdout.jsonl", ROOT / "benchmarks/tune2.jsonl",
          ROOT / "benchmarks/tune3.jsonl", ROOT / "benchmarks/tune4.jsonl", ROOT / "benchmarks/tune5.jsonl"]


def figures(rows: list[dict]) -> dict:
    """The issue's four figures over answered items with rules (out-of-scope questions left out, as in `score`)."""
    cited = [r for r in rows if r["expected_verdict"] != "out_of_scope" and r["keys"]]
    keys = [(set(r["ok"]), list(dict.fromkeys(r["keys"]))) for r in cited]
    with_rules = [r for r in rows if r["expected"]]
    if not keys:
        return {}
    return {
        "n": len(rows),
        "precision": round(sum(len([k for k in ks if k in ok]) for ok, ks in keys) / sum(len(ks) for _, ks in keys), 3),
        "first": round(sum(ks[0] in ok for ok, ks in keys) / len(keys), 3),
        "recall_at_3": round(sum(any(k in r["expected"] for k in r["keys"][:3]) for r in with_rules)
                             / max(1, len(with_rules)), 3),
        "per_answer": round(sum(len(ks) for _, ks in keys) / len(keys), 2),
        "max": max(len(ks) for _, ks in keys),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", nargs="*", default=[str(p) for p in TUNING])
    ap.add_argument("--dump", default="")
    ap.add_argument("--diff", default="", help="an earlier dump: report every item whose verdict changed")
    ap.add_argument("--param", nargs="*", default=[], metavar="NAME=VALUE",
                    help="score with these advisor Params changed (a baseline in the same run: filed_share=2)")
    args = ap.parse_args()
    import dataclasses

    from bot.advisor import Params
    from bot.service import Niyam

    niyam = Niyam.open(Path(os.environ.get("NIYAM_DATA_DIR", ROOT / ".niyam")))
    if args.param:
        base = Params()
        def typed(name: str, value: str):  # bool("False") is True: a flag is read by its word
            kind = type(getattr(base, name))
            return value.lower() in ("1", "true", "yes") if kind is bool else kind(value)

        changes = {name: typed(name, value) for name, value in (p.split("=", 1) for p in args.param)}
        niyam.advisor.params = dataclasses.replace(Params(), **changes)
    out: dict[str, list[dict]] = {}
    for path in map(Path, args.sets):
        rows = []
        for q in load_questions(path):
            a = niyam.ask(q.question, q.service, state=q.state)
            rows.append({"id": q.id, "verdict": a.verdict.value, "expected_verdict": q.verdict.value,
                         "refs": [c.ref for c in a.citations], "keys": [c.rule_key for c in a.citations],
                         "expected": q.expected_rules, "ok": q.all_rules if q.all_rules is not None else q.expected_rules,
                         "proxy": q.all_rules is None})
        out[path.stem] = rows
        print(path.stem, json.dumps(figures(rows)))
    print("all", json.dumps(figures([r for rows in out.values() for r in rows])))
    if args.dump:
        Path(args.dump).write_text(json.dumps(out, indent=0, ensure_ascii=False))
    if args.diff:
        before = {(s, r["id"]): r for s, rows in json.loads(Path(args.diff).read_text()).items() for r in rows}
        changed = [(s, r["id"], before[(s, r["id"])]["verdict"], r["verdict"]) for s, rows in out.items() for r in rows
                   if (s, r["id"]) in before and before[(s, r["id"])]["verdict"] != r["verdict"]]
        print(f"verdicts changed: {len(changed)}", *changed, sep="\n")


if __name__ == "__main__":
    main()
