"""Builds the index from a corpus: chunks in, a new active version out.

A build runs under the admin lock (knowledge.library.admin_lock) and first settles what an interrupted admin
change left behind, so a build never publishes a document nobody reviewed, and it builds whatever the state of
the active-index pointer (a damaged pointer is rebuilt over).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from knowledge.library import Library, admin_lock, describe
from knowledge.model import Document
from retrieval.chunks import document_chunks
from retrieval.reading import english_reading
from retrieval.store import BuildReport, IndexStatus, IndexStore


def build_index(
    data_dir: Path,
    *,
    library: Library | None = None,
    embedder=None,
    store: IndexStore | None = None,
    progress: Callable[[int, int], None] | None = None,
    fail_after: int | None = None,
    overlay: dict[str, Document | None] | None = None,
    tx: str = "",
) -> BuildReport:
    """Validates the whole corpus first (a bad pack file fails before anything is written).

    `overlay` and `tx` are an admin change's (see bot.admin): the journalled document to add (or None to leave
    one out) and the transaction the new version makes live; such a build names the active version's unchanged
    collections instead of copying them (a plain build, the way out of damage, writes everything afresh)."""
    library = library or Library(data_dir)
    with admin_lock(library.data_dir):
        store = store or IndexStore(data_dir)
        active = store.active_or_none()
        library.recover(active.tx if active else None, keep=tx or None)
        docs = library.documents(overlay)
        sections, examples = document_chunks(docs, library.scope(), read=english_reading)
        if embedder is None:
            from retrieval.embeddings import LazyEmbedder

            embedder = LazyEmbedder()  # loaded only if a chunk's text is new
        return store.build(sections, examples, embedder.embed_documents, embedder_name=embedder.name,
                           documents=[describe(d) for d in docs], progress=progress, fail_after=fail_after, tx=tx,
                           share=overlay is not None)


def recover(data_dir: Path, *, library: Library | None = None, wait: bool = False) -> list[str]:
    """Settles leftovers of interrupted admin changes (rolled back, or completed when their version went live)
    and logs each; returns what was done. Without `wait`, does nothing while another process holds the admin
    lock (that process recovers). Call it when a process starts (CLI commands, `Niyam.open`)."""
    library = library or Library(data_dir)
    with admin_lock(library.data_dir, blocking=wait) as held:
        if not held:
            return []
        if not library.pending():
            return []
        active = IndexStore(data_dir).active_or_none()
        return library.recover(active.tx if active else None)


def index_status(data_dir: Path, *, library: Library | None = None) -> IndexStatus:
    """`IndexStore.status()` plus interrupted admin changes waiting to be settled, for `niyam index status`."""
    library = library or Library(data_dir)
    st = IndexStore(data_dir).status()
    waiting = library.pending()
    if waiting:
        st.problems.append(f"{len(waiting)} admin change(s) under way or interrupted; an interrupted one is settled "
                           f"by the next `niyam index add`, `remove` or `build`")
    return st
