"""Builds the index from a corpus: chunks in, a new active version out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from knowledge.library import Library, describe
from retrieval.chunks import document_chunks
from retrieval.store import BuildReport, IndexStore


def build_index(
    data_dir: Path,
    *,
    library: Library | None = None,
    embedder=None,
    store: IndexStore | None = None,
    progress: Callable[[int, int], None] | None = None,
    fail_after: int | None = None,
) -> BuildReport:
    """Validates the whole corpus first (a bad pack file fails before anything is written)."""
    library = library or Library(data_dir)
    docs = library.documents()
    sections, examples = document_chunks(docs, library.scope())
    if embedder is None:
        from retrieval.embeddings import get_embedder

        embedder = get_embedder()
    store = store or IndexStore(data_dir)
    return store.build(sections, examples, embedder.embed_documents, embedder_name=embedder.name,
                       documents=[describe(d) for d in docs], progress=progress, fail_after=fail_after)
