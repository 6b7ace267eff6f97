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

OM = """No. GAD/SM/2026/{n}
Government of Testland
General Administration Department
Dated: 12th March, 2026

OFFICE MEMORANDUM

Subject: Use of drones for personal photography by Government servants ({n}).

The undersigned is directed to say that instances have come to notice of officers flying drones.

2. Officers shall observe the following:
(i) No Government servant shall fly a personal drone over a Government building and post the footage on social media.
(ii) Drone footage of public events may be posted only from the official account of the department.

3. This issues with the approval of the competent authority.
"""
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
