"""Niyam as adapters and the CLI see it: the index reader and the advisor behind one object, and the
index operations (build, status, list, add, remove) behind a few functions that load no model.

Errors a user or an admin can cause leave here as `knowledge.errors.NiyamError`s; the layers below still raise
`ValueError`/`PackError`/`RuntimeError` for some of them, translated in `_user_errors` until they raise the
hierarchy themselves.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.answer import Answer, RuleView, SourceInfo
from bot.protocol import IndexResult
from knowledge.errors import BackendUnavailable, BadDocument, BadInput, IndexDamaged, IndexMissing, NiyamError
from knowledge.library import Library
from knowledge.model import Rulebook

if TYPE_CHECKING:  # the advisor (scikit-learn, about 2-4 s to import) is loaded by `Niyam` alone, so the index
    from bot.advisor import Params  # operations (`niyam index add|remove|status`) start without it

Progress = Callable[[int, int], None]


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:300]


@contextlib.contextmanager
def _user_errors(kind: type[NiyamError] = BadInput) -> Iterator[None]:
    """The one-line reason of a bad pack file, a bad document or a damaged pointer, as a NiyamError.

    Transitional: knowledge/ and retrieval/ raise ValueError (PackError), RuntimeError (a damaged pointer) and
    chromadb's connection errors today."""
    try:
        yield
    except NiyamError:
        raise
    except ValueError as exc:  # PackError is one; the readers' "not a PDF" reasons are others
        raise kind(_first_line(exc)) from exc
    except RuntimeError as exc:
        if "damaged" in str(exc):
            raise IndexDamaged(_first_line(exc)) from exc
        raise
    except (ConnectionError, OSError) as exc:
        if _is_connection_error(exc):
            raise BackendUnavailable(f"cannot reach the Chroma server ({type(exc).__name__})") from exc
        raise


def _is_connection_error(exc: BaseException) -> bool:
    return isinstance(exc, ConnectionError) or "connect" in type(exc).__name__.lower()


def open_store(data_dir: Path, chroma_url: str | None = None):
    """The index store under `data_dir`, on the Chroma server at `chroma_url` when given."""
    from retrieval.store import IndexStore

    client = None
    if chroma_url:
        from urllib.parse import urlsplit

        import chromadb
        from chromadb.config import Settings as ChromaSettings

        u = urlsplit(chroma_url)
        try:
            client = chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or 8000, ssl=u.scheme == "https",
                                         settings=ChromaSettings(anonymized_telemetry=False))
        except Exception as exc:  # chromadb raises ValueError("Could not connect…") or httpx errors
            raise BackendUnavailable(f"cannot reach the Chroma server at {u.scheme}://{u.netloc} "
                                     f"({type(exc).__name__})") from exc
    with _user_errors(IndexDamaged):
        return IndexStore(Path(data_dir), client=client)


def build(store, *, embedder=None, progress: Progress | None = None):
    """A complete new index version from the pack and the added documents; active once complete."""
    from retrieval.indexer import build_index

    with _user_errors():
        return build_index(store.data_dir, store=store, embedder=embedder, progress=progress)


def status(store) -> dict[str, Any]:
    """The active version and what it holds (`active: False` before the first build); for a damaged index, what
    is damaged and how to recover (`state`, `problems`, `recovery`), never an error."""
    from retrieval.indexer import index_status

    health = index_status(store.data_dir)
    info: dict[str, Any] = {"data_dir": str(store.data_dir.resolve()), "state": health.state,
                            "problems": health.problems, "recovery": health.recovery}
    p = store.active() if health.state != "damaged" else None
    info["active"] = p is not None
    if p:
        info |= {"version": p.version, "built_at": p.built_at, "embedder": p.embedder, "documents": len(p.documents),
                 **p.counts}
    return info


def documents(store) -> list[dict]:
    """The documents of the active index (or, before the first build, of the pack), as `index list` shows them."""
    from knowledge.library import describe

    with _user_errors(IndexDamaged):
        p = store.active()
    if p:
        return list(p.documents)
    with _user_errors():
        return [describe(d) for d in Library(store.data_dir).documents()]


def add_document(store, path: Path, *, actor: str, filename: str, **meta) -> IndexResult:
    """Indexes an official file (meta: id, title, issuer, date, applies_to, supersedes); raises BadDocument."""
    from bot.admin import AdminService

    with _user_errors(BadDocument):
        if store.active() is None:
            build(store)
        return AdminService(store.data_dir).add(path, actor=actor, filename=filename, **meta)


def remove_document(store, doc_id: str, *, actor: str) -> int:
    """Takes an added document out of the index; the new active version."""
    from bot.admin import AdminService

    with _user_errors():
        return AdminService(store.data_dir).remove(doc_id, actor=actor)


def _quiet_blas() -> None:
    """One BLAS thread for numpy and scipy: their few small products per question gain nothing from threads,
    and OpenBLAS threads left spinning after one steal the cores the embedding model needs next (measured:
    a warm question took 65-80 ms instead of 12-15 ms on this 2-core machine). Torch keeps its own threads."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Niyam:
    """The `bot.protocol.Service` the adapters and the CLI use."""

    def __init__(self, data_dir: Path, index, params: Params | None = None, library: Library | None = None):
        self.data_dir = data_dir
        self.library = library or Library(data_dir)
        self.index = index
        from bot.advisor import Advisor

        self.advisor = Advisor(index, params)
        self._lock = threading.Lock()

    @classmethod
    def open(cls, data_dir: Path, *, store=None, build_if_missing: bool = True, params: Params | None = None,
             progress: Progress | None = None, on_build: Callable[[], None] | None = None) -> Niyam:
        """Loads the model once and opens the active index, building it first when there is none
        (`on_build` is called just before, to tell the user why this takes a while)."""
        from retrieval.embeddings import get_embedder
        from retrieval.indexer import recover
        from retrieval.search import SearchIndex

        data_dir = Path(data_dir)
        store = store or open_store(data_dir)
        recover(data_dir)  # leftovers of an interrupted admin change are settled before anything is served
        embedder = get_embedder()
        _quiet_blas()
        with _user_errors(IndexDamaged):
            missing = store.active() is None
        if missing:
            if not build_if_missing:
                raise IndexMissing("no index has been built; run `niyam index build`")
            if on_build:
                on_build()
            build(store, embedder=embedder, progress=progress)
        return cls(data_dir, SearchIndex(store, embedder.embed_query, embedder.embed_documents), params)

    def warm(self) -> None:
        """Loads (or fits) the verdict model of the version being served, so the first question after a switch
        does not wait for it (called by `niyam serve`'s pointer follower)."""
        p = self.advisor.params
        self.advisor.models.get(self.index.snapshot().examples, p.c, p.balance)

    def ask(self, question: str, service: Rulebook | str = Rulebook.AIS, *, state: str | None = None,
            lang: str | None = None) -> Answer:
        return self.advisor.ask(question, str(service), state=state, lang=lang)

    def rule(self, ref: str, service: Rulebook | str = Rulebook.AIS) -> RuleView | None:
        self.index.refresh()
        rows = self.index.find_ref(ref)
        if not rows:
            return None
        rows.sort(key=lambda r: (not r[2].get(f"applies_{service}", False), r[2]["source"] != "digest", r[2]["ref"]))
        _, _, m = rows[0]
        same = [r for r in rows if r[2]["document"] == m["document"]]
        text = "\n\n".join(f"{r[2]['ref']} — {r[2]['title']}\n{r[2]['section_text']}" for r in same)
        official = [r for r in rows if r[2]["source"] == "official"]
        return RuleView(
            ref=m["ref"], title=m["title"], document=m["document"], document_title=m["document_title"], text=text,
            status=m["status"], source=m["source"], url=m["url"],
            official_text="\n\n".join(r[2]["section_text"] for r in official) if official and m["source"] != "official" else None,
        )

    def sources(self) -> list[SourceInfo]:
        self.index.refresh()
        pointer = self.index.pointer
        docs = pointer.documents if pointer is not None else []
        return [SourceInfo(**{k: d[k] for k in SourceInfo.model_fields}) for d in docs]

    def search(self, query: str, service: Rulebook | str, k: int, *, everything: bool = False) -> list:
        """Ranked sections with their scores: the CLI's debugging view."""
        from retrieval.search import RULES

        return self.index.search(query, str(service), k, where=None if everything else RULES)

    def preview_document(self, path: Path, *, filename: str, applies_to: list[str] | None = None) -> str:
        from bot.admin import AdminService

        with _user_errors(BadDocument):
            return AdminService(self.data_dir, library=self.library).preview(path, filename=filename,
                                                                              applies_to=applies_to)

    def add_document(self, path: Path, *, actor: str, filename: str,
                     applies_to: list[str] | None = None) -> IndexResult:
        from bot.admin import AdminService

        with _user_errors(BadDocument):
            return AdminService(self.data_dir, library=self.library).add(path, actor=actor, filename=filename,
                                                                          applies_to=applies_to)
