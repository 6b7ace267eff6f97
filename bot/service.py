"""Niyam as adapters and the CLI see it: one object that owns the index reader and the advisor."""

from __future__ import annotations

import threading
from pathlib import Path

from bot.advisor import Advisor, Params
from bot.answer import Answer, RuleView, SourceInfo
from bot.config import data_dir as default_data_dir
from knowledge.library import Library
from retrieval.embeddings import get_embedder
from retrieval.indexer import build_index
from retrieval.search import SearchIndex
from retrieval.store import IndexStore


def _quiet_blas() -> None:
    """One BLAS thread for numpy and scipy: their few small products per question gain nothing from threads,
    and OpenBLAS threads left spinning after one steal the cores the embedding model needs next (measured:
    a warm question took 65-80 ms instead of 12-15 ms on this 2-core machine). Torch keeps its own threads."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class Niyam:
    def __init__(self, data_dir: Path, index: SearchIndex, params: Params | None = None,
                 library: Library | None = None):
        self.data_dir = data_dir
        self.library = library or Library(data_dir)
        self.index = index
        self.advisor = Advisor(index, params)
        self._lock = threading.Lock()

    @classmethod
    def open(cls, data_dir: Path | None = None, *, build_if_missing: bool = True, params: Params | None = None) -> "Niyam":
        """Loads the model once and opens the active index, building it on first use."""
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        embedder = get_embedder()
        _quiet_blas()
        store = IndexStore(data_dir)
        if store.active() is None:
            if not build_if_missing:
                raise LookupError("no index has been built; run `niyam index build`")
            build_index(data_dir, store=store, embedder=embedder)
        return cls(data_dir, SearchIndex(store, embedder.embed_query, embedder.embed_documents), params)

    def ask(self, question: str, service: str = "AIS", *, state: str | None = None, lang: str | None = None) -> Answer:
        return self.advisor.ask(question, service, state=state, lang=lang)

    def rule(self, ref: str, service: str = "AIS") -> RuleView | None:
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
        return [SourceInfo(**{k: d[k] for k in SourceInfo.model_fields}) for d in self.index.pointer.documents]

    def preview_document(self, path: Path, *, filename: str, applies_to: list[str] | None = None) -> str:
        from bot.admin import AdminService

        return AdminService(self.data_dir, library=self.library).preview(path, filename=filename,
                                                                          applies_to=applies_to)

    def add_document(self, path: Path, *, actor: str, filename: str, applies_to: list[str] | None = None):
        from bot.admin import AdminService

        return AdminService(self.data_dir, library=self.library).add(path, actor=actor, filename=filename,
                                                                      applies_to=applies_to)
