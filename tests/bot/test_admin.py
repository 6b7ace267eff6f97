"""Admin re-indexing: a new circular is cited at once, removal and supersession work, failures change nothing."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.admin import AdminService
from bot.service import Niyam
from retrieval.embeddings import get_embedder
from retrieval.search import SearchIndex
from retrieval.store import IndexStore

DRONE_OM = """No. GAD/SM/2026/3
Government of Testland
General Administration Department
Dated: 12th March, 2026

OFFICE MEMORANDUM

Subject: Use of drones for personal photography by Government servants.

The undersigned is directed to say that instances have come to notice of officers flying drones.

2. Officers shall observe the following:
(i) No Government servant shall fly a personal drone over a Government building and post the footage on social media.
(ii) Drone footage of public events may be posted only from the official account of the department.

3. This issues with the approval of the competent authority.
"""
QUESTION = "Can I post footage from my personal drone flown over the collectorate building on Instagram?"


def open_niyam(lib):
    return Niyam(lib.data_dir, SearchIndex(IndexStore(lib.data_dir), get_embedder().embed_query), library=lib)


def cited_docs(answer):
    return [c.document for c in answer.citations]


@pytest.fixture
def admin(mini_data):
    return AdminService(mini_data.data_dir, embedder=get_embedder(), library=mini_data)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_added_circular_is_cited_at_once_and_not_after_remove(mini_data, admin, tmp_path):
    niyam = open_niyam(mini_data)
    assert "gad-om-2026-3" not in cited_docs(niyam.ask(QUESTION, "AIS"))
    res = admin.add(write(tmp_path, "drones.txt", DRONE_OM), actor="cli:test", id="gad-om-2026-3",
                    applies_to="AIS,CCS")
    assert res.refs[:3] == ["gad-om-2026-3 preamble", "gad-om-2026-3 para 1", "gad-om-2026-3 para 2"]
    assert "reference: No. GAD/SM/2026/3" in res.summary and "date: 2026-03-12" in res.summary
    assert res.embedded == len(res.refs)  # only the new sections were embedded
    answer = niyam.ask(QUESTION, "AIS")  # the same process, no restart
    cit = next(c for c in answer.citations if c.document == "gad-om-2026-3")
    assert cit.source == "official" and cit.excerpt in DRONE_OM
    admin.remove("gad-om-2026-3", actor="cli:test")
    assert "gad-om-2026-3" not in cited_docs(niyam.ask(QUESTION, "AIS"))


def test_supersession(mini_data, admin, tmp_path):
    admin.add(write(tmp_path, "old.txt", DRONE_OM), actor="cli:test", id="drone-om-old", applies_to="AIS")
    newer = DRONE_OM.replace("No. GAD/SM/2026/3", "No. GAD/SM/2026/9").replace("personal drone", "personal drone or camera")
    admin.add(write(tmp_path, "new.txt", newer), actor="cli:test", id="drone-om-new", applies_to="AIS",
              supersedes="drone-om-old")
    docs = {d["id"]: d for d in IndexStore(mini_data.data_dir).active().documents}
    assert docs["drone-om-old"]["status"] == "superseded" and docs["drone-om-new"]["status"] == "in_force"
    answer = open_niyam(mini_data).ask(QUESTION, "AIS")
    assert "drone-om-new" in cited_docs(answer) and "drone-om-old" not in cited_docs(answer)


def test_failure_mid_build_leaves_previous_version_serving(mini_data, admin, tmp_path):
    store = IndexStore(mini_data.data_dir)
    before = store.active()
    with pytest.raises(RuntimeError, match="injected"):
        admin.add(write(tmp_path, "drones.txt", DRONE_OM), actor="cli:test", id="gad-om-2026-3", applies_to="AIS",
                  fail_after=2)
    assert store.active() == before
    assert mini_data.stored("gad-om-2026-3") is None and not mini_data.pending()
    assert "gad-om-2026-3" not in cited_docs(open_niyam(mini_data).ask(QUESTION, "AIS"))
    assert admin.audit_rows()[-1]["ok"] is False


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "empty"),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "supported"),
    ("fake.pdf", b"just some text pretending", "not a PDF"),
])
def test_bad_files_get_a_one_line_reason_and_change_nothing(mini_data, admin, tmp_path, name, content, words):
    before = IndexStore(mini_data.data_dir).active()
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ValueError) as e:
        admin.add(p, actor="cli:test")
    assert words in str(e.value) and "\n" not in str(e.value)
    assert IndexStore(mini_data.data_dir).active() == before


def test_pack_ids_and_unknown_supersedes_are_refused(mini_data, admin, tmp_path):
    p = write(tmp_path, "x.txt", DRONE_OM)
    with pytest.raises(ValueError, match="bundled pack"):
        admin.add(p, actor="cli:test", id="mini-rules")
    with pytest.raises(ValueError, match="unknown document"):
        admin.add(p, actor="cli:test", supersedes="no-such-doc")
    with pytest.raises(ValueError, match="bundled pack"):
        admin.remove("mini-rules", actor="cli:test")


def test_audit_log_records_who_what_when_checksum(mini_data, admin, tmp_path):
    import hashlib

    p = write(tmp_path, "drones.txt", DRONE_OM)
    admin.add(p, actor="telegram:42", id="gad-om-2026-3", applies_to="AIS")
    admin.remove("gad-om-2026-3", actor="slack:U1")
    rows = admin.audit_rows()
    assert [(r["actor"], r["action"], r.get("document")) for r in rows] == [
        ("telegram:42", "add", "gad-om-2026-3"), ("slack:U1", "remove", "gad-om-2026-3")]
    assert rows[0]["checksum"] == hashlib.sha256(p.read_bytes()).hexdigest() and rows[0]["at"]


SERVER = r"""
import json, sys
from pathlib import Path
from bot.service import Niyam
n = Niyam.open(Path(sys.argv[1]), build_if_missing=False)
print("ready", flush=True)
for line in sys.stdin:
    a = n.ask(line.strip(), "AIS")
    print(json.dumps([c.document for c in a.citations]), flush=True)
"""


@pytest.mark.slow
def test_a_serving_process_sees_a_document_added_by_another_process(mini_data, admin, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]), HF_HUB_OFFLINE="1")
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(mini_data.data_dir)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "ready"
        proc.stdin.write(QUESTION + "\n")
        proc.stdin.flush()
        assert "gad-om-2026-3" not in json.loads(proc.stdout.readline())
        admin.add(write(tmp_path, "drones.txt", DRONE_OM), actor="cli:test", id="gad-om-2026-3", applies_to="AIS")
        proc.stdin.write(QUESTION + "\n")
        proc.stdin.flush()
        assert "gad-om-2026-3" in json.loads(proc.stdout.readline())
    finally:
        proc.kill()
        proc.wait()


def _free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@pytest.mark.slow
def test_chroma_server_instead_of_embedded_store(mini_data, tmp_path, monkeypatch):
    chroma = Path(sys.executable).parent / "chroma"
    port = _free_port()
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        monkeypatch.setenv("NIYAM_CHROMA_URL", f"http://127.0.0.1:{port}")
        from retrieval.indexer import build_index

        data = tmp_path / "served"
        rep = build_index(data, library=type(mini_data)(data, mini_data.pack_dir), embedder=get_embedder())
        assert rep.sections == 4
        store = IndexStore(data)
        assert type(store.client).__name__ != "PersistentClient" and not (data / "chroma").exists()
        idx = SearchIndex(store, get_embedder().embed_query)
        assert idx.search("criticise the government's policy on facebook", "AIS", 1)[0].ref == "AIS 7"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_chat_admins_reach_the_same_service_through_niyam(mini_data, tmp_path):
    """What the Telegram and Slack adapters call (`Service.add_document`) indexes for real."""
    niyam = Niyam(mini_data.data_dir, SearchIndex(IndexStore(mini_data.data_dir), get_embedder().embed_query),
                  library=mini_data)
    res = niyam.add_document(write(tmp_path, "drones.txt", DRONE_OM), actor="telegram:7", filename="drones.txt",
                             applies_to=["AIS"])
    assert res.refs and res.title.startswith("Use of drones") and "live in index" in res.summary
    assert any(c.document == res.document_id for c in niyam.ask(QUESTION, "AIS").citations)
    assert AdminService(mini_data.data_dir).audit_rows()[-1]["actor"] == "telegram:7"


def test_preview_shows_what_would_go_live_and_writes_nothing(mini_data, admin, tmp_path):
    before = IndexStore(mini_data.data_dir).active()
    text = admin.preview(write(tmp_path, "drones.txt", DRONE_OM), applies_to="AIS")
    assert "reference: No. GAD/SM/2026/3" in text and "date: 2026-03-12" in text and "para 2(i)" in text
    assert IndexStore(mini_data.data_dir).active() == before and not admin.audit_rows()
