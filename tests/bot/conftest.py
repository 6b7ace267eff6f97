import shutil
from pathlib import Path

import pytest

from knowledge.library import Library
from retrieval.embeddings import get_embedder
from retrieval.indexer import build_index

MINI = Path(__file__).parents[1] / "retrieval" / "mini_pack"


@pytest.fixture
def mini_data(tmp_path):
    """A data dir with the small test pack built into it (fast to rebuild), and its Library."""
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    lib = Library(tmp_path / "data", pack)
    build_index(lib.data_dir, library=lib, embedder=get_embedder())
    return lib
