"""How much of a Hindi or Hinglish question the reader understands, and what the models are handed instead.

The reader (retrieval/reading.py) glosses Hindi and Hinglish into English through the pack's glossary; a Devanagari
word it does not know is romanised, and a Hinglish word it does not know is passed on as it is: either way the
English-only MiniLM reads noise there. This script counts, per language, the share of words left unread and the
words most often left unread, and shows a few readings, so the glossary grows where it matters.

A Devanagari word is unread when the glossary did not gloss it (`Reading.unread`); a Latin word in a Hinglish
question is unread when it is neither glossed nor an English word, English being the words of the pack's
English texts and of the English tuning questions.

With `--twins`, the questions written as triples (tune3, tune4, tune5: one situation in English, Hinglish and
Hindi, a shared `triple` field) are also scored by how close each Hindi and Hinglish reading comes to its English
twin's: the mean MiniLM cosine per language, the figure a reading change should raise.

Usage: python benchmarks/reach.py [FILE.jsonl ...] [--top 60] [--show 5] [--twins]
Only tuning sets belong here (tests/data/questions.jsonl, benchmarks/holdout.jsonl, tune2, tune3): the
held-out sets are never read for their words.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.glossary import load_glossary  # noqa: E402
from knowledge.library import Library  # noqa: E402
from retrieval.reading import default_reader, fold, model_words  # noqa: E402

_LATIN_WORD = re.compile(r"[A-Za-z]+")
TUNING = ("tests/data/questions.jsonl", "benchmarks/holdout.jsonl", "benchmarks/tune2.jsonl", "benchmarks/tune3.jsonl")


def english_words(questions: list[dict]) -> set[str]:
    """What counts as English here: the embedding model's whole words, the glossary's English, the words of the
    pack's rule texts and of the English questions."""
    words: set[str] = set(model_words())
    for english in (*load_glossary().terms.values(), *load_glossary().hinglish_only.values()):
        words.update(w.lower() for w in _LATIN_WORD.findall(english))
    for doc in Library(ROOT / ".niyam").documents():
        for s in doc.sections:
            words.update(w.lower() for w in _LATIN_WORD.findall(f"{s.title} {s.text}"))
    for q in questions:
        if q.get("lang", "en") == "en":
            words.update(w.lower() for w in _LATIN_WORD.findall(q["question"]))
    return words


def twins(questions: list[dict], reader) -> dict[str, float | int]:
    """The mean cosine (MiniLM, normalised vectors) of each Hindi and Hinglish reading to its English twin, over
    the questions that have a `triple` with an English member."""
    from retrieval.embeddings import get_embedder

    english = {q["triple"]: q["question"] for q in questions if q.get("triple") and q.get("lang", "en") == "en"}
    out: dict[str, float | int] = {}
    embedder = get_embedder()
    for lang in ("hi", "hinglish"):
        pairs = [(reader.read(q["question"]).text, english[q["triple"]]) for q in questions
                 if q.get("lang") == lang and q.get("triple") in english]
        if not pairs:
            continue
        a = embedder.embed_documents([p[0] for p in pairs])
        b = embedder.embed_documents([reader.read(p[1]).text for p in pairs])
        out[lang] = round(float((a * b).sum(axis=1).mean()), 4)
        out[f"{lang}_n"] = len(pairs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", default=[str(ROOT / f) for f in TUNING if (ROOT / f).exists()])
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--show", type=int, default=4)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--twins", action="store_true", help="mean cosine of each reading to its English twin")
    args = ap.parse_args()
    for f in args.files:
        if any(name in f for name in ("blind3", "parallel", "holdout2")):
            sys.exit(f"{f} is a held-out set: its words never guide the glossary")
    questions = [json.loads(line) for f in args.files for line in Path(f).read_text().splitlines() if line.strip()]
    reader = default_reader()
    english = english_words(questions)
    out: dict = {}
    for lang in ("hi", "hinglish"):
        qs = [q for q in questions if q.get("lang") == lang]
        total = unread = 0
        missing: Counter[str] = Counter()
        shown = []
        for q in qs:
            r = reader.read(q["question"])
            if lang == "hi":
                words = [w for w in re.findall(r"[\u0900-\u097F]+", q["question"])]
                gaps = list(r.unread)
            else:
                words = _LATIN_WORD.findall(q["question"])
                gaps = [w for w in _LATIN_WORD.findall(r.text) if w.lower() not in english and
                        fold(w) not in english]
            total += len(words)
            unread += len(gaps)
            missing.update(fold(g) for g in gaps)
            if len(shown) < args.show:
                shown.append({"question": q["question"], "read": r.text, "unread": gaps})
        out[lang] = {"questions": len(qs), "words": total, "unread": unread,
                     "unread_share": round(unread / total, 3) if total else None,
                     "top_unread": missing.most_common(args.top), "examples": shown}
    if args.twins:
        out["twins"] = twins(questions, reader)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for lang, o in out.items():
        if lang == "twins":
            print("== cosine to the English twin: " + ", ".join(f"{k} {v}" for k, v in o.items()))
            continue
        print(f"== {lang}: {o['questions']} questions, {o['words']} words, unread {o['unread']} ({o['unread_share']})")
        print("   " + ", ".join(f"{w}:{n}" for w, n in o["top_unread"]))
        for e in o["examples"]:
            print(f"   Q: {e['question']}\n   R: {e['read']}\n   ?: {e['unread']}")


if __name__ == "__main__":
    main()
