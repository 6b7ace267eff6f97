"""Fixtures for the reliability suite: a small data dir built from the test mini pack, and hostile files made
on the fly (nothing large is committed)."""

import shutil
from pathlib import Path

import pytest

from knowledge.library import Library
from retrieval.embeddings import get_embedder
from retrieval.indexer import build_index

MINI = Path(__file__).parents[1] / "retrieval" / "mini_pack"
ROOT = Path(__file__).parents[2]

# A generated office memorandum (a template: `{n}` numbers each copy), shared with benchmarks/replicas.py.
OM = (ROOT / "tests" / "data" / "drone-om.txt").read_text(encoding="utf-8")
QUESTION = "Can I post footage from my personal drone flown over the collectorate building on Instagram?"


@pytest.fixture(scope="session")
def embedder():
    return get_embedder()


@pytest.fixture
def mini(tmp_path, embedder):
    """A Library over a copy of the mini pack, with its first index version built."""
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    lib = Library(tmp_path / "data", pack)
    build_index(lib.data_dir, library=lib, embedder=embedder)
    return lib


def om_file(folder: Path, n: int, name: str | None = None) -> Path:
    p = Path(folder) / (name or f"om-{n}.txt")
    p.write_text(OM.format(n=n))
    return p
