"""Ids are names; an interrupted change publishes nothing; a detected id never silently replaces a document;
everything written is private (issue 17, items 1, 2, 16, 17)."""

import json
import os
import stat
import tempfile

import pytest
from typer.testing import CliRunner

from bot.admin import AdminService, DocumentExists
from knowledge.library import InvalidDocumentId, Library, check_id
from niyam.cli import app
from retrieval.indexer import build_index, recover
from retrieval.store import IndexStore
from tests.reliability.conftest import OM, om_file

BAD_IDS = ["../index", "..", "../../etc/passwd", "/etc/passwd", "a/b", "", "A-doc", "x" * 101, "a\x00b", "-x",
           "doc.json", "doc\n", " doc", "ümlaut"]


@pytest.fixture
def admin(mini, embedder):
    return AdminService(mini.data_dir, embedder=embedder, library=mini)


def listed_added(lib: Library) -> set[str]:
    pack = {d.id for d in lib.pack()}
    return {d["id"] for d in IndexStore(lib.data_dir).active().documents} - pack


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ids_are_names_not_paths(mini, admin, bad):
    with pytest.raises(InvalidDocumentId) as e:
        admin.remove(bad, actor="cli:test")
    msg = str(e.value)
    assert "\n" not in msg and "\x00" not in msg and "never a path" in msg and len(msg) < 200
    for call in (lambda: check_id(bad), lambda: mini.stored(bad), lambda: mini.stage("remove", bad)):
        with pytest.raises(InvalidDocumentId):
            call()
    assert IndexStore(mini.data_dir).active() is not None
    assert admin.audit_rows()[-1]["ok"] is False


def test_index_remove_of_a_relative_id_is_exit_2_and_deletes_nothing(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("NIYAM_DATA_DIR", str(mini.data_dir))
    outside = mini.data_dir / "precious.json"
    outside.write_text("{}")
    before = sorted(p.name for p in mini.data_dir.iterdir())
    audited = len(mini.audit_rows())
    for bad in ("../index", "../precious", "../../data/index"):
        res = CliRunner().invoke(app, ["index", "remove", bad])
        assert res.exit_code == 2 and res.stderr.count("\n") == 1 and "invalid document id" in res.stderr
    assert sorted(p.name for p in mini.data_dir.iterdir()) == sorted(before) and outside.exists()
    assert len(mini.audit_rows()) == audited + 3  # the refusals are audited
    assert IndexStore(mini.data_dir).active() is not None
    res = CliRunner().invoke(app, ["index", "add", str(om_file(tmp_path, 1)), "--id", "../index"])
    assert res.exit_code == 2 and "invalid document id" in res.stderr


def test_an_add_killed_after_its_document_was_saved_is_never_published(mini, admin, tmp_path, embedder):
    """The issue's reproduction: the killed add left its document saved; the next add published it unreviewed.
    Now the killed add leaves only a journal, which no build reads and the next change rolls back."""
    doc = admin._inspect(om_file(tmp_path, 1), "om-1.txt", id="killed-om").document
    mini.stage("add", "killed-om", doc, actor="cli:killed")  # what a kill -9 after saving leaves behind
    assert "killed-om" not in {d.id for d in mini.documents()}  # a build does not see it
    admin.add(om_file(tmp_path, 2), actor="cli:test", id="next-om")
    assert listed_added(mini) == {"next-om"} == set(mini.added_ids()) == mini.audited_ids()
    assert not mini.pending()
    rolled = [r for r in admin.audit_rows() if r.get("recovered")]
    assert [(r["document"], r["ok"], r["recovered"]) for r in rolled] == [("killed-om", False, "rolled back")]


def test_a_plain_build_also_rolls_back_an_interrupted_add(mini, admin, tmp_path, embedder):
    doc = admin._inspect(om_file(tmp_path, 1), "om-1.txt", id="killed-om").document
    mini.stage("add", "killed-om", doc, actor="cli:killed")
    build_index(mini.data_dir, library=mini, embedder=embedder)
    assert listed_added(mini) == set() == set(mini.added_ids()) and not mini.pending()


def test_an_add_killed_after_its_version_went_live_is_completed_and_audited(mini, tmp_path, embedder):
    admin = AdminService(mini.data_dir, embedder=embedder, library=mini)
    doc = admin._inspect(om_file(tmp_path, 1), "om-1.txt", id="live-om").document
    tx = mini.stage("add", "live-om", doc, actor="cli:killed", filename="om-1.txt")
    build_index(mini.data_dir, library=mini, embedder=embedder, overlay={"live-om": doc}, tx=tx)
    # killed here: the version is live, the audit row and the published file are missing
    assert listed_added(mini) == {"live-om"} and not mini.added_ids() and not mini.audited_ids()
    assert recover(mini.data_dir, library=mini)  # what any later command does at its start
    assert listed_added(mini) == {"live-om"} == set(mini.added_ids()) == mini.audited_ids()
    row = admin.audit_rows()[-1]
    assert row["actor"] == "cli:killed" and row["ok"] is True and row["tx"] == tx and row["recovered"]


def test_a_remove_killed_before_its_version_went_live_keeps_the_document(mini, admin, tmp_path, embedder):
    admin.add(om_file(tmp_path, 1), actor="cli:test", id="kept-om")
    mini.stage("remove", "kept-om", actor="cli:killed")
    admin.add(om_file(tmp_path, 2), actor="cli:test", id="other-om")
    assert listed_added(mini) == {"kept-om", "other-om"} == set(mini.added_ids()) == mini.audited_ids()


def test_remove_makes_no_backup_outside_the_data_dir(mini, admin, tmp_path, monkeypatch):
    admin.add(om_file(tmp_path, 1), actor="cli:test", id="gone-om")

    def no_tmp(*a, **k):
        raise AssertionError("a temporary file outside NIYAM_DATA_DIR")

    monkeypatch.setattr(tempfile, "mkstemp", no_tmp)
    monkeypatch.setattr(tempfile, "mkdtemp", no_tmp)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_tmp)
    admin.remove("gone-om", actor="cli:test")
    assert listed_added(mini) == set() == set(mini.added_ids())


def test_a_failed_remove_keeps_the_document(mini, admin, tmp_path, monkeypatch):
    admin.add(om_file(tmp_path, 1), actor="cli:test", id="kept-om")
    import retrieval.indexer

    real = retrieval.indexer.build_index
    monkeypatch.setattr(retrieval.indexer, "build_index", lambda *a, **k: real(*a, **{**k, "fail_after": 1}))
    with pytest.raises(RuntimeError, match="injected"):
        admin.remove("kept-om", actor="cli:test")
    assert listed_added(mini) == {"kept-om"} == set(mini.added_ids()) == mini.audited_ids()
    assert not mini.pending()


def test_a_detected_id_never_silently_replaces_an_added_document(mini, admin, tmp_path):
    first = admin.add(om_file(tmp_path, 1), actor="cli:test")
    version = IndexStore(mini.data_dir).active().version
    other = tmp_path / "other.txt"  # another document that carries the same reference number
    other.write_text(OM.format(n=1).replace("drones for personal photography", "personal cameras in offices"))
    preview = admin.preview(other)
    assert f"conflict: an added document already has the id {first.document_id}" in preview
    with pytest.raises(DocumentExists) as e:
        admin.add(other, actor="cli:test")
    assert "\n" not in str(e.value) and f"--id {first.document_id}" in str(e.value)
    assert IndexStore(mini.data_dir).active().version == version
    stored = json.loads(mini.stored(first.document_id))
    assert "drones" in stored["title"]
    assert "replaces: the added document" in admin.preview(other, replace=True)
    res = admin.add(other, actor="cli:test", replace=True)
    assert res.replaced and res.document_id == first.document_id
    assert "cameras" in json.loads(mini.stored(first.document_id))["title"]
    assert mini.original(first.document_id) == ("other.txt", other.read_bytes())  # the file that went live
    res = admin.add(om_file(tmp_path, 1), actor="cli:test", id=first.document_id)  # naming the id is explicit
    assert res.replaced


def _modes(root):
    bad = []
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            m = stat.S_IMODE(os.stat(os.path.join(dirpath, d)).st_mode)
            if m & 0o077:
                bad.append((os.path.join(dirpath, d), oct(m)))
        for f in filenames:
            m = stat.S_IMODE(os.stat(os.path.join(dirpath, f)).st_mode)
            if m & 0o177:
                bad.append((os.path.join(dirpath, f), oct(m)))
    return bad


def test_everything_written_under_the_data_dir_is_private(mini, admin, tmp_path):
    admin.add(om_file(tmp_path, 1), actor="cli:test", id="private-om")
    admin.remove("private-om", actor="cli:test")
    admin.add(om_file(tmp_path, 2), actor="cli:test", id="private-om-2")
    assert stat.S_IMODE(mini.data_dir.stat().st_mode) == 0o700
    assert _modes(mini.data_dir) == []


def test_a_damaged_stored_document_is_one_line_and_can_be_removed(mini, admin, tmp_path, embedder):
    from knowledge.loader import PackError

    admin.add(om_file(tmp_path, 1), actor="cli:test", id="torn-om")
    mini.write_stored("torn-om", mini.stored("torn-om")[:200])  # torn by an older version's crash, or by hand
    with pytest.raises(PackError) as e:
        build_index(mini.data_dir, library=mini, embedder=embedder)
    assert str(e.value).startswith("documents/torn-om:1: the stored copy of added document 'torn-om' is damaged")
    assert "\n" not in str(e.value) and "niyam index remove torn-om" in str(e.value)
    admin.remove("torn-om", actor="cli:test")
    assert listed_added(mini) == set() == set(mini.added_ids()) == mini.audited_ids()
