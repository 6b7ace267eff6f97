"""A damaged active-index pointer: `niyam index build` rebuilds whatever its state; status says what is wrong
(issue 17, item 6)."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from niyam.cli import app
from retrieval.indexer import build_index, index_status
from retrieval.search import SearchIndex
from retrieval.store import DamagedIndex, IndexStore


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],  # truncated mid-write
    lambda raw: b"",
    lambda raw: b"\xff\xfe\x00garbage",
    lambda raw: b"[]",
    lambda raw: raw.replace(b'"niyam-sections-v1"', b'"../../etc"'),
    lambda raw: json.dumps({"version": 1}).encode(),
])
def test_a_damaged_pointer_is_reported_and_rebuilt_over(mini, embedder, damage):
    d = mini.data_dir
    store = IndexStore(d)
    store.write_raw_pointer(damage(store.read_raw_pointer()))
    with pytest.raises(DamagedIndex) as e:
        IndexStore(d).active()
    assert "\n" not in str(e.value) and "niyam index build" in str(e.value)
    st = index_status(d, library=mini)
    assert st.state == "damaged" and "niyam index build" in st.recovery and st.problems
    rep = build_index(d, library=mini, embedder=embedder)
    assert rep.embedded == 0  # the embeddings of the newest complete version on disk were reused
    store = IndexStore(d)
    assert store.active().version == rep.version == 2 and index_status(d, library=mini).state == "ok"
    assert {c.name for c in store.client.list_collections()} == {"niyam-sections-v2", "niyam-examples-v2"}
    idx = SearchIndex(store, embedder.embed_query)
    assert idx.search("criticise the policy on facebook", "AIS", 1)[0].ref == "AIS 7"


def test_status_names_a_missing_collection(mini, embedder):
    store = IndexStore(mini.data_dir)
    store.client.delete_collection(store.active().examples)
    st = store.status()
    assert st.state == "damaged" and "is missing" in st.problems[0] and "niyam index build" in st.recovery
    build_index(mini.data_dir, library=mini, embedder=embedder)
    assert IndexStore(mini.data_dir).status().state == "ok"


def test_cli_index_build_recovers_a_truncated_pointer(niyam, data_dir, tmp_path, monkeypatch):
    """The issue's reproduction on the full pack: every command said "damaged; run niyam index build", and that
    command failed the same way."""
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    store = IndexStore(copy)
    raw = store.read_raw_pointer()
    before = json.loads(raw)["version"]
    store.write_raw_pointer(raw[:100])
    monkeypatch.setenv("NIYAM_DATA_DIR", str(copy))
    res = CliRunner().invoke(app, ["index", "build"])
    assert res.exit_code == 0, res.output
    assert "embedded 0" in res.stdout
    p = IndexStore(copy).active()
    assert p.version > before and p.counts["sections"] > 100
    res = CliRunner().invoke(app, ["index", "status", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["version"] == p.version
