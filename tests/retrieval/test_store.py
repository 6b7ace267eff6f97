"""Versioned builds: idempotent, incremental and atomic."""

import pytest

from knowledge.loader import PackError
from retrieval.indexer import build_index
from retrieval.search import SearchIndex
from retrieval.store import IndexStore


def test_second_build_embeds_nothing(mini_library, embedder):
    d = mini_library.data_dir
    first = build_index(d, library=mini_library, embedder=embedder)
    second = build_index(d, library=mini_library, embedder=embedder)
    assert first.embedded == first.sections + first.examples and first.reused == 0
    assert second.embedded == 0 and second.reused == first.embedded
    assert IndexStore(d).active().version == 2


def test_changed_section_is_the_only_one_embedded(mini_library, embedder):
    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    p = mini_library.pack_dir / "rules.md"
    p.write_text(p.read_text().replace("Gifts above the limits", "Gifts above the set limits"))
    rep = build_index(d, library=mini_library, embedder=embedder)
    assert rep.embedded == 1


def test_failed_build_keeps_old_index_active_and_searchable(mini_library, embedder):
    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    store = IndexStore(d)
    before = store.active()
    with pytest.raises(RuntimeError, match="injected"):
        build_index(d, library=mini_library, embedder=embedder, fail_after=3)
    assert store.active() == before
    idx = SearchIndex(IndexStore(d), embedder.embed_query)
    assert idx.search("criticise the policy on facebook", "AIS", 1)[0].ref == "AIS 7"
    names = {c.name for c in store.client.list_collections()}
    assert names == {before.sections, before.examples}  # the half-built version was dropped


def test_malformed_pack_file_fails_build_and_leaves_index(mini_library, embedder):
    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    before = IndexStore(d).active()
    (mini_library.pack_dir / "zz-broken.md").write_text("---\nid: x\ntitle: [unclosed\n---\n")
    with pytest.raises(PackError) as e:
        build_index(d, library=mini_library, embedder=embedder)
    assert "zz-broken.md:" in str(e.value)
    assert IndexStore(d).active() == before


def test_service_filter(mini_library, embedder):
    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    idx = SearchIndex(IndexStore(d), embedder.embed_query)
    assert {h.metadata["rulebook"] for h in idx.search("criticise government policy", "CCS", 5)} == {"CCS"}
    assert idx.search("criticise government policy", "CCS", 1)[0].ref == "CCS 9"
    assert idx.search("criticise government policy", "AIS", 1)[0].ref == "AIS 7"


def test_reader_follows_the_pointer_to_a_new_version(mini_library, embedder):
    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    idx = SearchIndex(IndexStore(d), embedder.embed_query)
    assert not idx.search("dowry", "AIS", 5) or idx.search("dowry", "AIS", 1)[0].ref != "AIS 11A"
    p = mini_library.pack_dir / "rules.md"
    p.write_text(p.read_text() + "\n## AIS 11A — Dowry\nGiving or taking dowry is barred.\n")
    build_index(d, library=mini_library, embedder=embedder)
    assert idx.refresh() is True
    assert idx.search("can I take dowry at my wedding", "AIS", 1)[0].ref == "AIS 11A"


def test_old_versions_stray_collections_and_their_segment_dirs_are_removed(mini_library, embedder, monkeypatch):
    monkeypatch.setattr(IndexStore, "grace_seconds", 0)
    d = mini_library.data_dir
    for _ in range(3):
        build_index(d, library=mini_library, embedder=embedder)
    store = IndexStore(d)
    stray = store.client.create_collection("niyam-sections-v9", embedding_function=None)  # a failed build's
    stray.add(ids=["x"], documents=["x"], embeddings=[[0.1] * 384])
    assert store.status().state == "ok" and "unused collection" in store.status().problems[0]
    rep = build_index(d, library=mini_library, embedder=embedder)
    assert rep.version == 4  # numbered after the active version, not after the stray one it removed
    names = {c.name for c in IndexStore(d).client.list_collections()}
    assert names == {"niyam-sections-v3", "niyam-examples-v3", "niyam-sections-v4", "niyam-examples-v4"}
    assert len([p for p in (d / "chroma").iterdir() if p.is_dir()]) == 4


def test_a_disk_error_during_a_build_is_one_line_and_leaves_no_collections(mini_library, embedder, monkeypatch):
    import errno

    from retrieval.store import IndexWriteError

    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    store = IndexStore(d)
    before = store.active()

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_write_pointer", full)
    with pytest.raises(IndexWriteError) as e:
        build_index(d, library=mini_library, embedder=embedder, store=store)
    assert str(e.value).startswith("the index cannot be written: no space left") and "\n" not in str(e.value)
    assert isinstance(e.value, ValueError)  # the CLI's bad-input path: one line, exit 2
    monkeypatch.undo()
    assert IndexStore(d).active() == before
    assert {c.name for c in IndexStore(d).client.list_collections()} == {before.sections, before.examples}


def test_an_old_version_a_reader_opened_is_kept_through_the_grace_period_then_dropped(mini_library, embedder,
                                                                                       monkeypatch):
    """Versions are kept by who reads them (recorded in the database), not by their number: a version another
    process opened moments ago survives two newer builds; one nobody opened goes once two newer exist."""
    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    SearchIndex(IndexStore(d), embedder.embed_query)  # a reader opens v1
    for _ in range(3):
        build_index(d, library=mini_library, embedder=embedder)
    names = {c.name for c in IndexStore(d).client.list_collections()}
    assert names == {f"niyam-{k}-v{v}" for k in ("sections", "examples") for v in (1, 3, 4)}
    monkeypatch.setattr(IndexStore, "grace_seconds", 0)
    build_index(d, library=mini_library, embedder=embedder)
    names = {c.name for c in IndexStore(d).client.list_collections()}
    assert names == {f"niyam-{k}-v{v}" for k in ("sections", "examples") for v in (4, 5)}


def test_an_admin_change_names_the_unchanged_collections_and_a_remove_loads_no_model(mini_library, embedder,
                                                                                   tmp_path, monkeypatch):
    """Issue 18: an add or remove of a circular leaves the labelled examples as they were, so the new version
    names the active version's examples collection instead of copying it; a remove embeds nothing and never
    loads the model. The shared collection outlives every version that names it; a plain build copies afresh."""
    from bot.admin import AdminService
    from tests.reliability.conftest import QUESTION, om_file

    monkeypatch.setattr(IndexStore, "grace_seconds", 0)
    d = mini_library.data_dir
    build_index(d, library=mini_library, embedder=embedder)
    admin = AdminService(d, library=mini_library)  # no embedder: the CLI's, loaded only if a text is new

    def no_model():
        raise AssertionError("the model was loaded")

    for cycle in range(3):
        admin.add(om_file(tmp_path, cycle), actor="cli:test", id="drone-om", applies_to="AIS")
        added = IndexStore(d).active()
        assert added.examples == "niyam-examples-v1" and added.sections == f"niyam-sections-v{2 + 2 * cycle}"
        hits = SearchIndex(IndexStore(d), embedder.embed_query).search(QUESTION, k=5, where=None)
        assert "drone-om" in {h.metadata["document"] for h in hits}
        with monkeypatch.context() as m:
            m.setattr("retrieval.embeddings.get_embedder", no_model)
            admin.remove("drone-om", actor="cli:test")
        removed = IndexStore(d).active()
        assert removed.examples == "niyam-examples-v1" and removed.counts["embedded"] == 0
    store = IndexStore(d)
    assert store.status().state == "ok" and not store.status().problems
    assert {c.name for c in store.client.list_collections()} == {"niyam-sections-v6", "niyam-sections-v7",
                                                                 "niyam-examples-v1"}
    rep = build_index(d, library=mini_library, embedder=embedder)  # the way out of damage: everything afresh
    assert IndexStore(d).active().examples == f"niyam-examples-v{rep.version}" and rep.embedded == 0
