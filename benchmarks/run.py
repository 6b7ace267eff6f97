"""Niyam's benchmarks: build, search and answer speed, memory, and retrieval quality against baselines.

Everything runs in one process on the same pack and the same embeddings, so the comparison is fair:
  - Niyam: the advisor's citations (hybrid dense + BM25 + labelled examples, the deciding rule first);
  - naive LangChain RAG: recursive character splitter over the pack's text, same embeddings, Chroma top-3;
  - BM25 alone over Niyam's sections.
Usage: python benchmarks/run.py [--questions tests/data/questions.jsonl] [--out benchmarks/out/latest.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bot.evaluate import evaluate, load_questions, percentile, score  # noqa: E402
from knowledge.library import Library  # noqa: E402
from knowledge.model import rule_key  # noqa: E402
from retrieval.embeddings import get_embedder  # noqa: E402
from retrieval.indexer import build_index  # noqa: E402
from retrieval.search import tokenize  # noqa: E402


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def recall(keys_per_q: list[list[str]], questions, k=3) -> float:
    hits = n = 0
    for keys, q in zip(keys_per_q, questions, strict=False):
        if q.expected_rules:
            n += 1
            hits += any(r in q.expected_rules for r in keys[:k])
    return round(hits / n, 4)


def naive_rag(library: Library, embedder, data_dir: Path):
    """The baseline: split the pack's text with LangChain and index it in Chroma."""
    import chromadb
    from chromadb.config import Settings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDoc
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=100, add_start_index=True)
    docs = []
    for d in library.documents():
        text, starts = "", []
        for s in d.sections:
            starts.append((len(text), s.ref))
            text += f"{s.ref} — {s.title}\n{s.text}\n\n"
        for chunk in splitter.split_documents([LCDoc(page_content=text, metadata={"doc": d.id})]):
            pos = chunk.metadata["start_index"]
            ref = [r for st, r in starts if st <= pos][-1]
            docs.append(LCDoc(page_content=chunk.page_content,
                              metadata={"rule": rule_key(ref), "applies": ",".join(d.applies_to)}))
    client = chromadb.PersistentClient(path=str(data_dir / "baseline"), settings=Settings(anonymized_telemetry=False))
    store = Chroma(collection_name="baseline", embedding_function=embedder.langchain, client=client)
    store.add_documents(docs)
    return store


def naive_rag_keys(store, questions, k=3) -> list[list[str]]:
    """The baseline's answer: the rules of its top 3 chunks."""
    out = []
    for q in questions:
        res = store.similarity_search(q.question, k=k, filter={"applies": {"$in": [q.service, "AIS,CCS"]}})
        out.append([r.metadata["rule"] for r in res])
    return out


def bm25_keys(niyam, questions, k=3) -> list[list[str]]:
    idx = niyam.index
    out = []
    for q in questions:
        allowed = idx.mask(q.service)
        toks = tokenize(q.question)
        if not toks:  # a question in Devanagari has no Latin words for BM25
            out.append([])
            continue
        scores = idx.bm25.get_scores(toks)
        order = [i for i in np.argsort(-scores) if allowed[i]][:k]
        out.append([rule_key(idx.metas[i]["ref"]) for i in order])
    return out


def circular_pdf(path: Path, pages: int) -> Path:
    """An office memorandum of `pages` pages with numbered paragraphs, as admins receive them."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "No. 11013/7/2026-Estt.A\nGovernment of India\nDated the 3rd March, 2026\n\nOFFICE MEMORANDUM\n\n"
                         "Subject: Conduct of Government servants on digital platforms.\n")
    para = 1
    for page in range(pages):
        if page:
            pdf.add_page()
        for _ in range(4):
            para += 1
            pdf.multi_cell(0, 6, f"{para}. Paragraph {para} of the memorandum. Government servants shall not use "
                                 f"personal handles to comment on matter {para} under consideration of the Government, "
                                 "and shall keep official records confidential at all times.\n(i) They shall report "
                                 f"any approach by the media on matter {para}.\n(ii) They shall not share documents "
                                 "relating to it on any messaging application.\n")
    pdf.output(str(path))
    return path


def admin_timings(work: Path, embedder) -> dict:
    from bot.admin import AdminService

    admin = AdminService(work / "data", embedder=embedder)
    out = {}
    small = circular_pdf(work / "om-20.pdf", 20)
    t0 = time.perf_counter()
    r = admin.add(small, actor="bench", id="bench-om-20", applies_to="AIS,CCS")
    out["add_20_page_s"] = round(time.perf_counter() - t0, 2)
    out["add_20_page_sections"] = len(r.refs)
    t0 = time.perf_counter()
    again = admin.add(small, actor="bench", id="bench-om-20", applies_to="AIS,CCS")
    out["re_add_unchanged_s"] = round(time.perf_counter() - t0, 2)
    out["re_add_unchanged_embedded"] = again.embedded
    big = circular_pdf(work / "om-300.pdf", 300)
    t0 = time.perf_counter()
    r = admin.add(big, actor="bench", id="bench-om-300", applies_to="AIS,CCS")
    out["add_300_page_s"] = round(time.perf_counter() - t0, 2)
    out["add_300_page_sections"] = len(r.refs)
    return out


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def vote_only(niyam, questions) -> dict:
    """The same decision without the classifier (the neighbours' vote alone), to show what the classifier adds."""
    shipped = niyam.advisor.params
    niyam.advisor.params = dataclasses.replace(shipped, blend=1.0)
    try:
        ev = evaluate(niyam, questions, k=3)
    finally:
        niyam.advisor.params = shipped
    return {k: ev[k] for k in ("verdict_accuracy", "dangerous_permits")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", default=str(ROOT / "tests/data/questions.jsonl"))
    ap.add_argument("--holdout", nargs="*", default=[str(ROOT / f"benchmarks/{name}.jsonl") for name in
                                                     ("holdout", "tune2", "tune3", "tune4", "tune5", "holdout2",
                                                      "blind3", "parallel")],
                    help="question files written from the facts file alone (holdout.jsonl is tuning data since "
                         "2026-11-23; tune2 to tune5 were written for tuning; the others never informed a choice)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks/out/latest.json"))
    args = ap.parse_args()
    questions = load_questions(Path(args.questions))
    work = Path(tempfile.mkdtemp(prefix="niyam-bench-"))
    os.environ["NIYAM_DATA_DIR"] = str(work / "data")
    res: dict = {"machine": machine(), "questions": len(questions)}

    t0 = time.perf_counter()
    embedder = get_embedder()
    res["model_load_s"] = round(time.perf_counter() - t0, 2)
    library = Library(work / "data")
    first = build_index(work / "data", library=library, embedder=embedder)
    second = build_index(work / "data", library=library, embedder=embedder)
    res["build"] = {"sections": first.sections, "examples": first.examples, "full_s": round(first.seconds, 2),
                    "chunks_per_s": round((first.sections + first.examples) / first.seconds, 1),
                    "rebuild_s": round(second.seconds, 2), "rebuild_embedded": second.embedded}

    from bot.service import Niyam

    niyam = Niyam.open(work / "data")
    qs = [q.question for q in questions]
    embed_it, search_it = iter(qs * 3), iter(qs * 3)
    embed_ms = timed(lambda: embedder.embed_query(next(embed_it)), len(qs))
    search_ms = timed(lambda: niyam.index.search(next(search_it), "AIS", 5), len(qs))
    res["search_ms"] = {"embed_query_p50": round(percentile(embed_ms, 50), 2),
                        "search_p50": round(percentile(search_ms, 50), 2),
                        "search_p95": round(percentile(search_ms, 95), 2)}

    ev = evaluate(niyam, questions, k=3)
    res["advisor"] = {k: ev[k] for k in ("recall_at_k", "verdict_accuracy", "dangerous_permits", "latency_ms")}
    niyam_keys = [i["refs"] for i in ev["items"]]
    baseline = naive_rag(library, embedder, work)
    res["recall_at_3"] = {
        "niyam": recall(niyam_keys, questions),
        "naive_langchain_rag": recall(naive_rag_keys(baseline, questions), questions),
        "bm25_only": recall(bm25_keys(niyam, questions), questions),
    }
    res["advisor_vote_only"] = vote_only(niyam, questions)
    res["development"] = score(questions, ev["items"])
    for path in map(Path, args.holdout):
        if not path.exists():
            continue
        held = load_questions(path)
        ho = evaluate(niyam, held, k=3)
        res[path.stem] = {"questions": len(held), **score(held, ho["items"]),
                          "latency_ms": ho["latency_ms"],
                          "recall_at_3_bm25_only": recall(bm25_keys(niyam, held), held),
                          "recall_at_3_naive_langchain_rag": recall(naive_rag_keys(baseline, held), held)}
    baseline_file = ROOT / "benchmarks/baseline-82cd84a.json"
    if baseline_file.exists():
        res["baseline_82cd84a"] = json.loads(baseline_file.read_text())
    res["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    # cold start: a fresh process answering one question on the built index
    env = dict(os.environ)
    cold = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "niyam"), "ask", "Can I share a file noting on X?", "--json"],
                       env=env, check=True, capture_output=True)
        cold.append(time.perf_counter() - t0)
    res["cold_ask_s"] = {"min": round(min(cold), 2), "median": round(sorted(cold)[1], 2)}
    res["admin"] = admin_timings(work, embedder)

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False))
    print(json.dumps(res, indent=1, ensure_ascii=False))
    print(table(res))


def table(res: dict) -> str:
    """The quality figures of every set beside the baseline's, as a Markdown table for BENCHMARKS.md."""
    base = res.get("baseline_82cd84a", {})
    names = {"development": "dev", "holdout": "holdout", "tune2": "tune2", "tune3": "tune3", "tune4": "tune4",
             "tune5": "tune5", "holdout2": "holdout2",
             "blind3": "blind3", "parallel": "parallel"}
    rows = ["| set | accuracy (en+hinglish) | en / hinglish / hi | missed warnings | allowed→restricted | "
            "drafts out of scope | [?] → unclear | injections right | recall@3 | citation precision / first | "
            "cites per answer | triples agree |", "|" + " --- |" * 12]
    for key, short in names.items():
        s, b = res.get(key), base.get(short, {})
        if not s:
            continue

        def both(field, fmt=str, s=s, b=b):
            now, was = s.get(field), b.get(field)
            return f"{fmt(now) if now is not None else '–'} ({fmt(was) if was is not None else '–'})"

        langs = " / ".join(str(s["by_language"].get(lang, {}).get("accuracy", "–")) for lang in ("en", "hinglish", "hi"))
        blangs = " / ".join(str(b.get("by_language", {}).get(lang, {}).get("accuracy", "–"))
                            for lang in ("en", "hinglish", "hi"))
        rows.append(f"| {key} ({s['n']}) | {both('accuracy')} [{both('accuracy_en_hinglish')}] | {langs} ({blangs}) | "
                    f"{both('missed_warnings')} | {both('allowed_answered_restricted')} | {both('drafts_out_of_scope')} | "
                    f"{both('unresolved_answered_unclear')} | {both('injections_right')} | {both('recall_at_k')} | "
                    f"{both('citation_precision')} / {both('first_citation_precision')} | "
                    f"{both('citations_per_answer')} | {both('triples_agree')} |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
