"""How the advisor's thresholds were chosen: a grid over `bot.advisor.Params` on a question file.

Query scores are computed once and cached, so each setting costs only the decision. Prints the most accurate
settings overall, those with no dangerous permit, and those that stay without one when the restrictive bar is
raised a step. The shipped default is the first of the second list; the third list was tried as a safer
criterion and did worse on the held-out set (BENCHMARKS.md), so it is reported, not used.
Usage: python benchmarks/tune.py [--questions FILE.jsonl ...] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.advisor import Params  # noqa: E402
from bot.evaluate import PERMISSIVE, RESTRICTIVE, load_questions  # noqa: E402
from bot.service import Niyam  # noqa: E402

GRID = {"balance": [1.0, 0.5], "disclaim": [False, True], "restrict": [0.3, 0.35], "segment_restrict": [0.6, 0.7]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", nargs="+", default=[str(ROOT / "tests/data/questions.jsonl"),
                                                       str(ROOT / "benchmarks/holdout.jsonl"),
                                                       str(ROOT / "benchmarks/tune2.jsonl"),
                                                       str(ROOT / "benchmarks/tune3.jsonl")],
                    help="question files to tune on (default: the development set, the first held-out set and "
                         "the two tuning sets written blind for tuning)")
    ap.add_argument("--data-dir", default=None, help="an index to reuse (default: a fresh one)")
    args = ap.parse_args()
    questions = [q for path in args.questions for q in load_questions(Path(path))]
    niyam = Niyam.open(Path(args.data_dir or tempfile.mkdtemp(prefix="niyam-tune-")))
    # every question's scores and sentence embeddings are computed once: the snapshot's methods are cached
    snap = niyam.index.snapshot()
    cache: dict = {}
    scores, many = snap.scores, snap.embed_many

    def cached(text, qvec=None):
        if text not in cache:
            cache[text] = scores(text)
        return cache[text]

    many_cache: dict = {}

    def cached_many(texts):
        key = tuple(texts)
        if key not in many_cache:
            many_cache[key] = many(texts)
        return many_cache[key]

    snap.scores, snap.embed_many = cached, cached_many
    rows = []
    for values in itertools.product(*GRID.values()):
        niyam.advisor.params = dataclasses.replace(Params(), **dict(zip(GRID, values, strict=False)))
        answers = [(q, niyam.ask(q.question, q.service)) for q in questions]
        accuracy = sum(a.verdict == q.verdict for q, a in answers) / len(answers)
        dangerous = sum(q.verdict in RESTRICTIVE and a.verdict in PERMISSIVE for q, a in answers)
        rows.append((round(accuracy, 3), dangerous, dict(zip(GRID, values, strict=False))))
    rows.sort(key=lambda r: (-r[0], r[1]))
    print("most accurate:")
    for r in rows[:30]:
        print("  ", r)
    print("most accurate with no dangerous permit:")
    for r in [r for r in rows if r[1] == 0][:8]:
        print("  ", r)
    danger = {tuple(sorted(r[2].items())): r[1] for r in rows}
    step = GRID["restrict"][1] - GRID["restrict"][0]

    def robust(r) -> bool:
        higher = dict(r[2], restrict=round(r[2]["restrict"] + step, 4))
        return r[1] == 0 and danger.get(tuple(sorted(higher.items()))) == 0

    print("most accurate with no dangerous permit, also with the bar a step higher:")
    for r in [r for r in rows if robust(r)][:8]:
        print("  ", r)


if __name__ == "__main__":
    main()
