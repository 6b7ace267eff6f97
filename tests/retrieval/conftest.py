import shutil
from pathlib import Path

import pytest

from knowledge.library import Library
from retrieval.embeddings import get_embedder

MINI = Path(__file__).parent / "mini_pack"


@pytest.fixture(scope="session")
def embedder():
    return get_embedder()


@pytest.fixture
def mini_library(tmp_path):
    """A copy of a three-document pack, so a test may break or change it."""
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    return Library(tmp_path / "data", pack)
