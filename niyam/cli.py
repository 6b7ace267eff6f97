"""The `niyam` command line (see ../shared/contract.md).

Every failure a user can cause (bad input, a bad file, no index, a damaged index, an unreachable Chroma server,
a port in use) is one line on standard error and exit status 2; anything else is an internal error, logged
with a reference code and its type (never its text) and reported in one line with that code (exit 1).
"""

from __future__ import annotations

import functools
import getpass
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, Optional, TypeVar

from niyam.settings import Settings, apply_environment_defaults

apply_environment_defaults()  # before anything below imports huggingface, transformers or chromadb

import typer  # noqa: E402
from pydantic import ValidationError  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn  # noqa: E402
from rich.table import Table  # noqa: E402

from bot import service as niyam_service  # noqa: E402
from knowledge.errors import BadInput, NiyamError  # noqa: E402
from knowledge.model import Rulebook  # noqa: E402

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None, help="Niyam: can I post this? Answers with the conduct rules in hand.")
index_app = typer.Typer(no_args_is_help=True, help="Build, inspect and change the index.")
app.add_typer(index_app, name="index")
out = Console()
err = Console(stderr=True)
log = logging.getLogger("niyam.cli")

F = TypeVar("F", bound=Callable[..., Any])


def fail(msg: str, code: int = 2) -> NoReturn:
    """One line on stderr, then exit (2: usage error or bad input)."""
    err.print(f"niyam: {msg}", markup=False, highlight=False, soft_wrap=True)
    raise SystemExit(code)


def one_line_errors(command: F) -> F:
    """A command whose NiyamErrors become one line and exit 2, and whose other errors become one line with a
    reference code (the log has the type and where it was raised), never a traceback."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NiyamError as exc:
            fail(exc.user_message, exc.exit_code)
        except ValidationError as exc:
            fail(_settings_problem(exc))
        except (typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            from chat.errors import log_internal

            ref = log_internal(log, f"niyam {command.__name__}", exc)
            fail(f"internal error (reference {ref}); nothing was changed by the failed step", 1)

    return run  # type: ignore[return-value]


def _settings_problem(exc: ValidationError) -> str:
    """The first invalid variable, by its environment name."""
    first = exc.errors()[0]
    name = "NIYAM_" + str(first["loc"][0]).upper() if first.get("loc") else "configuration"
    return f"{name}: {first.get('msg', 'invalid value')}"


def settings() -> Settings:
    return Settings()


def _rulebook(value: str) -> Rulebook:
    try:
        return Rulebook(value.strip().upper())
    except ValueError:
        raise BadInput(f"unknown service {value!r}; choose {' or '.join(Rulebook)}") from None


def _question(text: str) -> str:
    """The question as text: refused when the terminal passed bytes that are not UTF-8, or binary data."""
    if any("\udc80" <= ch <= "\udcff" for ch in text):  # undecodable bytes, as Python receives them in argv
        raise BadInput("the question is not valid UTF-8 text")
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text) or "\x7f" in text:
        raise BadInput("the question contains control characters; send the text of the post")
    if not text.strip():
        raise BadInput("the question is empty")
    return text


def _quiet_libraries() -> None:
    for name in ("chromadb", "httpx", "sentence_transformers", "transformers", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        from transformers.utils import logging as tlog

        tlog.disable_progress_bar()
        tlog.set_verbosity_error()
    except Exception:  # noqa: BLE001 - quieter logs are a convenience
        pass


def _progress_bar():
    return Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


def _store(config: Settings):
    config.data_dir.mkdir(parents=True, exist_ok=True)
    return niyam_service.open_store(config.data_dir, config.chroma_url)


def open_service(config: Settings) -> niyam_service.Niyam:
    """The service over the active index, built first (with a progress bar) when there is none."""
    _quiet_libraries()
    bar = _progress_bar()  # shown only while a missing index is built
    tasks = []

    def on_build() -> None:
        err.print("niyam: no index yet; building it from the bundled pack…", highlight=False)
        bar.start()
        tasks.append(bar.add_task("build", total=None))

    try:
        return niyam_service.Niyam.open(
            config.data_dir, store=_store(config), on_build=on_build,
            progress=lambda done, total: bar.update(tasks[0], completed=done, total=total) if tasks else None)
    finally:
        bar.stop()


@app.command()
@one_line_errors
def ask(question: str = typer.Argument(..., help="the question or the draft post"),
        service: str = typer.Option("AIS", "--service", "-s", help="AIS or CCS"),
        state: Optional[str] = typer.Option(None, "--state", help="your State code (KL, UP…) or CENTRE"),
        lang: Optional[str] = typer.Option(None, "--lang", help="en or hi (default: the question's)"),
        as_json: bool = typer.Option(False, "--json", help="print the contract's JSON")):
    """Answer one question; builds the index first if there is none."""
    rulebook = _rulebook(service)
    question = _question(question)
    if lang is not None and lang not in ("en", "hi"):
        raise BadInput(f"unknown language {lang!r}; choose en or hi")
    from knowledge.states import parse_state

    answer = open_service(settings()).ask(question, rulebook, state=parse_state(state) if state else None, lang=lang)
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=1))
    else:
        from adapters.terminal import render

        out.print(render(answer))


@app.command()
@one_line_errors
def chat(service: str = typer.Option("AIS", "--service", "-s", help="AIS or CCS")):
    """A terminal conversation with Niyam."""
    rulebook = _rulebook(service)
    from adapters.terminal import chat as run_chat

    run_chat(open_service(settings()), rulebook, out)


@app.command("eval")
@one_line_errors
def eval_cmd(questions: Path = typer.Option(..., "--questions", "-q", help="a JSON Lines question file"),
             as_json: bool = typer.Option(False, "--json"),
             k: int = typer.Option(3, "--k", min=1)):
    """Score the advisor on a question file."""
    from bot.evaluate import dump, evaluate, load_questions

    if not questions.is_file():
        raise BadInput(f"{questions}: no such file")
    try:
        qs = load_questions(questions)
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput(str(e).splitlines()[0]) from None
    result = evaluate(open_service(settings()), qs, k=k)
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
@one_line_errors
def search(query: str, service: str = typer.Option("AIS", "--service", "-s"),
           k: int = typer.Option(5, "--k", min=1, max=50),
           everything: bool = typer.Option(False, "--all", help="also precedents, State instructions, drafts")):
    """Ranked sections with refs and scores: a debugging view for the team and admins."""
    rulebook = _rulebook(service)
    query = _question(query)
    hits = open_service(settings()).search(query, rulebook, k, everything=everything)
    t = Table(title=f"search · {rulebook}", expand=True)
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
@one_line_errors
def index_build():
    """Build a new index version from the bundled pack and every added document; activate it when complete."""
    _quiet_libraries()
    store = _store(settings())
    try:
        with _progress_bar() as bar:
            task = bar.add_task("build", total=None)
            rep = niyam_service.build(store, progress=lambda done, total: bar.update(task, completed=done, total=total))
    except BadInput as e:
        raise BadInput(f"{e.user_message} (the active index is unchanged)") from None
    out.print(f"index v{rep.version}: {rep.sections} sections, {rep.examples} examples; embedded {rep.embedded}, "
              f"reused {rep.reused}; {rep.seconds:.1f}s")


@index_app.command("status")
@one_line_errors
def index_status(as_json: bool = typer.Option(False, "--json")):
    """The active version, when it was built and what it holds."""
    info = niyam_service.status(_store(settings()))
    if as_json:
        print(json.dumps(info, indent=1))
    elif info["state"] == "damaged":
        out.print(f"the index in {info['data_dir']} is damaged: " + "; ".join(info["problems"]))
        out.print(f"to recover: {info['recovery']}")
    elif not info["active"]:
        out.print(f"no index in {info['data_dir']}; run `niyam index build`")
    else:
        out.print(f"index v{info['version']} built {info['built_at']} · {info['documents']} documents · "
                  f"{info.get('sections')} sections · {info.get('examples')} examples · {info['data_dir']}")


@index_app.command("list")
@one_line_errors
def index_list(as_json: bool = typer.Option(False, "--json")):
    """Documents in the active index (or, before the first build, in the pack)."""
    docs = niyam_service.documents(_store(settings()))
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
@one_line_errors
def index_add(paths: list[Path] = typer.Argument(..., help="PDF, DOCX, HTML, Markdown or text files"),
              doc_id: Optional[str] = typer.Option(None, "--id"),
              title: Optional[str] = typer.Option(None, "--title"),
              issuer: Optional[str] = typer.Option(None, "--issuer"),
              date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD"),
              applies_to: Optional[str] = typer.Option(None, "--applies-to", help="AIS,CCS or a State"),
              supersedes: Optional[str] = typer.Option(None, "--supersedes", help="DOC_ID")):
    """Add (or replace) official documents; each goes live as soon as its index version is complete."""
    _quiet_libraries()
    if doc_id and len(paths) > 1:
        raise BadInput("--id names one document; add the files one at a time")
    store = _store(settings())
    for path in paths:
        if not path.is_file():
            raise BadInput(f"{path}: no such file")
        try:
            res = niyam_service.add_document(store, path, actor=f"cli:{getpass.getuser()}", filename=path.name,
                                             id=doc_id, title=title, issuer=issuer, date=date, applies_to=applies_to,
                                             supersedes=supersedes)
        except BadInput as e:
            raise BadInput(f"{path.name}: {e.user_message} (the active index is unchanged)") from None
        out.print(res.summary, markup=False, highlight=False)


@index_app.command("remove")
@one_line_errors
def index_remove(doc_id: str = typer.Argument(...)):
    """Take an added document out of the index."""
    _quiet_libraries()
    version = niyam_service.remove_document(_store(settings()), doc_id, actor=f"cli:{getpass.getuser()}")
    out.print(f"removed {doc_id}; index v{version} is active")


@app.command()
@one_line_errors
def report(since: Optional[str] = typer.Option(None, "--since", help="count from this day on (YYYY-MM-DD)"),
           out_file: Path = typer.Option(Path("report.html"), "--out", "-o", help="the HTML page to write")):
    """Write an HTML page with charts of what officers asked about: counts only, never what they asked."""
    import datetime as dt

    from chat.report import report_html
    from chat.stats import StatsStore

    try:
        day = dt.date.fromisoformat(since.strip()) if since is not None else None
    except ValueError:
        raise BadInput(f"--since must be a date like 2026-11-01, not {(since or '')[:20]!r}") from None
    config = settings()
    config.data_dir.mkdir(parents=True, exist_ok=True)
    store = StatsStore.in_data_dir(config.data_dir)
    try:
        page = report_html(store, day)
    finally:
        store.close()
    try:
        out_file.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write {out_file}: {exc.strerror or type(exc).__name__}") from None
    out.print(f"wrote {out_file}" + (f" (counts since {day})" if day else ""), markup=False, highlight=False)


@app.command()
@one_line_errors
def serve(platform: str = typer.Argument(..., help="telegram or slack"),
          health_port: Optional[int] = typer.Option(None, "--health-port",
                                                    help="serve GET /healthz on this port (ready: index and database reachable)")):
    """Run a platform adapter (configuration from the environment; see README)."""
    from niyam.adapters import check_platform, run_adapter
    from niyam.ops import configure_logging

    platform = check_platform(platform)
    config = settings()
    configure_logging(config.log_format)
    if health_port is not None:
        config = config.model_copy(update={"health_port": health_port})
    run_adapter(platform, config, lambda: open_service(config))


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
