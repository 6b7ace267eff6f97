"""The `niyam` command line (see ../shared/contract.md). Exit 2 with one line on stderr for usage errors."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Optional

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bot.config import data_dir
from knowledge.model import SERVICES

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None, help="Niyam: can I post this? Answers with the conduct rules in hand.")
index_app = typer.Typer(no_args_is_help=True, help="Build, inspect and change the index.")
app.add_typer(index_app, name="index")
out = Console()
err = Console(stderr=True)


def fail(msg: str, code: int = 2) -> None:
    """One line on stderr, then exit (2: usage error or bad input)."""
    err.print(f"niyam: {msg}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _service(value: str) -> str:
    v = value.strip().upper()
    if v not in SERVICES:
        fail(f"unknown service {value!r}; choose {' or '.join(SERVICES)}")
    return v


def _quiet_libraries() -> None:
    for name in ("chromadb", "httpx", "sentence_transformers", "transformers", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        from transformers.utils import logging as tlog

        tlog.disable_progress_bar()
        tlog.set_verbosity_error()
    except Exception:
        pass


def _open():
    _quiet_libraries()
    from bot.service import Niyam
    from knowledge.loader import PackError

    try:
        store_dir = data_dir()
        from retrieval.store import IndexStore

        if IndexStore(store_dir).active() is None:
            err.print("niyam: no index yet; building it from the bundled pack…", highlight=False)
            _build(store_dir)
        return Niyam.open(store_dir)
    except PackError as e:
        fail(str(e))


def _build(store_dir: Path):
    from retrieval.indexer import build_index

    with Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("build", total=None)
        return build_index(store_dir, progress=lambda done, total: bar.update(task, completed=done, total=total))


@app.command()
def ask(question: str = typer.Argument(..., help="the question or the draft post"),
        service: str = typer.Option("AIS", "--service", "-s", help="AIS or CCS"),
        as_json: bool = typer.Option(False, "--json", help="print the contract's JSON")):
    """Answer one question; builds the index first if there is none."""
    service = _service(service)
    if not question.strip():
        fail("the question is empty")
    niyam = _open()
    answer = niyam.ask(question, service)
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=1))
    else:
        from adapters.terminal import render

        out.print(render(answer))


@app.command()
def chat(service: str = typer.Option("AIS", "--service", "-s", help="AIS or CCS")):
    """A terminal conversation with Niyam."""
    service = _service(service)
    from adapters.terminal import chat as run_chat

    run_chat(_open(), service, out)


@app.command("eval")
def eval_cmd(questions: Path = typer.Option(..., "--questions", "-q", help="a JSON Lines question file"),
             as_json: bool = typer.Option(False, "--json"),
             k: int = typer.Option(3, "--k", min=1)):
    """Score the advisor on a question file."""
    from bot.evaluate import dump, evaluate, load_questions

    if not questions.is_file():
        fail(f"{questions}: no such file")
    try:
        qs = load_questions(questions)
    except (ValueError, UnicodeDecodeError) as e:
        fail(str(e).splitlines()[0])
    result = evaluate(_open(), qs, k=k)
    if as_json:
        print(dump(result))
        return
    t = Table(title=f"niyam eval · {questions} · n={result['n']}")
    t.add_column("metric")
    t.add_column("value", justify="right")
    t.add_row(f"recall@{k}", str(result["recall_at_k"]))
    t.add_row("verdict accuracy", str(result["verdict_accuracy"]))
    t.add_row("dangerous permits", str(result["dangerous_permits"]))
    t.add_row("latency p50 / p95 (ms)", f"{result['latency_ms']['p50']} / {result['latency_ms']['p95']}")
    out.print(t)
    wrong = [i for i in result["items"] if i["verdict"] != i["expected_verdict"]]
    if wrong:
        w = Table(title="verdicts that differ")
        for col in ("id", "expected", "got", "refs"):
            w.add_column(col)
        for i in wrong:
            w.add_row(i["id"], i["expected_verdict"], i["verdict"], ", ".join(i["refs"][:3]))
        out.print(w)


@app.command()
def search(query: str, service: str = typer.Option("AIS", "--service", "-s"),
           k: int = typer.Option(5, "--k", min=1, max=50),
           everything: bool = typer.Option(False, "--all", help="also precedents, State instructions, drafts")):
    """Ranked sections with refs and scores: a debugging view for the team and admins."""
    from retrieval.search import RULES

    service = _service(service)
    niyam = _open()
    hits = niyam.index.search(query, service, k, where=None if everything else RULES)
    t = Table(title=f"search · {service}", expand=True)
    t.add_column("#", no_wrap=True)
    t.add_column("ref", overflow="fold")
    t.add_column("title")
    for col in ("fused", "dense", "bm25", "example", "ranks d/b"):
        t.add_column(col, no_wrap=True)
    for n, h in enumerate(hits, 1):
        r = h.ranks
        t.add_row(str(n), h.ref, h.metadata["title"][:40], f"{h.score:.4f}", f"{h.dense:.3f}", f"{h.bm25:.2f}",
                  f"{h.example:.3f}", f"{r.get('dense', 0)}/{r.get('bm25', 0)}")
    out.print(t)


@index_app.command("build")
def index_build():
    """Build a new index version from the bundled pack and every added document; activate it when complete."""
    _quiet_libraries()
    from knowledge.loader import PackError

    try:
        rep = _build(data_dir())
    except PackError as e:
        fail(f"{e} (the active index is unchanged)")
    out.print(f"index v{rep.version}: {rep.sections} sections, {rep.examples} examples; embedded {rep.embedded}, "
              f"reused {rep.reused}; {rep.seconds:.1f}s")


@index_app.command("status")
def index_status(as_json: bool = typer.Option(False, "--json")):
    """The active version, when it was built and what it holds."""
    from retrieval.store import IndexStore

    p = IndexStore(data_dir()).active()
    info = {"data_dir": str(data_dir().resolve()), "active": p is not None}
    if p:
        info |= {"version": p.version, "built_at": p.built_at, "embedder": p.embedder, "documents": len(p.documents),
                 **p.counts}
    if as_json:
        print(json.dumps(info, indent=1))
    elif not p:
        out.print(f"no index in {info['data_dir']}; run `niyam index build`")
    else:
        out.print(f"index v{p.version} built {p.built_at} · {len(p.documents)} documents · "
                  f"{p.counts.get('sections')} sections · {p.counts.get('examples')} examples · {info['data_dir']}")


@index_app.command("list")
def index_list(as_json: bool = typer.Option(False, "--json")):
    """Documents in the active index (or, before the first build, in the pack)."""
    from retrieval.store import IndexStore

    p = IndexStore(data_dir()).active()
    if p:
        docs = p.documents
    else:
        from knowledge.library import Library, describe
        from knowledge.loader import PackError

        try:
            docs = [describe(d) for d in Library(data_dir()).documents()]
        except PackError as e:
            fail(str(e))
    fields = ("id", "title", "kind", "status", "date", "url", "source", "refs")
    if as_json:
        print(json.dumps([{k: d.get(k) for k in fields} for d in docs], indent=1, ensure_ascii=False))
        return
    t = Table(title="indexed documents")
    t.add_column("id", overflow="fold")
    for col in ("kind", "status", "date", "source", "sections"):
        t.add_column(col, no_wrap=True)
    for d in docs:
        t.add_row(d["id"], d["kind"], d["status"], d["date"] or "", d["source"], str(len(d["refs"])))
    out.print(t)


@index_app.command("add")
def index_add(paths: list[Path] = typer.Argument(..., help="PDF, DOCX, HTML, Markdown or text files"),
              doc_id: Optional[str] = typer.Option(None, "--id"),
              title: Optional[str] = typer.Option(None, "--title"),
              issuer: Optional[str] = typer.Option(None, "--issuer"),
              date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD"),
              applies_to: Optional[str] = typer.Option(None, "--applies-to", help="AIS,CCS or a State"),
              supersedes: Optional[str] = typer.Option(None, "--supersedes", help="DOC_ID")):
    """Add (or replace) official documents; each goes live as soon as its index version is complete."""
    import getpass

    _quiet_libraries()
    from bot.admin import AdminService

    if doc_id and len(paths) > 1:
        fail("--id names one document; add the files one at a time")
    from retrieval.store import IndexStore

    admin = AdminService(data_dir())
    if IndexStore(data_dir()).active() is None:
        _build(data_dir())
    for path in paths:
        if not path.is_file():
            fail(f"{path}: no such file")
        try:
            res = admin.add(path, actor=f"cli:{getpass.getuser()}", filename=path.name, id=doc_id, title=title,
                            issuer=issuer, date=date, applies_to=applies_to, supersedes=supersedes)
        except ValueError as e:
            fail(f"{path.name}: {str(e).splitlines()[0]} (the active index is unchanged)")
        out.print(res.summary, markup=False, highlight=False)


@index_app.command("remove")
def index_remove(doc_id: str = typer.Argument(...)):
    """Take an added document out of the index."""
    import getpass

    _quiet_libraries()
    from bot.admin import AdminService

    try:
        version = AdminService(data_dir()).remove(doc_id, actor=f"cli:{getpass.getuser()}")
    except ValueError as e:
        fail(str(e))
    out.print(f"removed {doc_id}; index v{version} is active")


@app.command()
def serve(platform: str = typer.Argument(..., help="telegram or slack")):
    """Run a platform adapter (configuration from the environment; see README)."""
    platform = platform.lower()
    if platform not in ("telegram", "slack"):
        fail(f"unknown platform {platform!r}; choose telegram or slack")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _quiet_libraries()
    if platform == "telegram":
        if not os.environ.get("NIYAM_TELEGRAM_TOKEN"):
            fail("NIYAM_TELEGRAM_TOKEN is not set")
        from adapters.telegram import serve as run
    else:
        if not os.environ.get("NIYAM_SLACK_BOT_TOKEN"):
            fail("NIYAM_SLACK_BOT_TOKEN is not set")
        from adapters.slack import serve as run
    run(_open())


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
