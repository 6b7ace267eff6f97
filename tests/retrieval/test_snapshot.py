"""Questions asked while another process adds and removes a circular: none fails, no citation is torn."""

import subprocess
import sys
import textwrap
import threading

from bot.service import Niyam
from knowledge.library import Library
from retrieval.embeddings import get_embedder
from retrieval.indexer import build_index
from retrieval.search import SearchIndex
from retrieval.store import IndexStore

OM = """No. GAD/SM/2026/7
Government of Testland
Dated: 2nd April, 2026

OFFICE MEMORANDUM

Subject: Photographs of official meetings on social media.

2. No Government servant shall post photographs of review meetings on any social media platform.
"""
QUESTIONS = ["Can I post a photo of today's review meeting on Instagram?",
             "Can I tweet that the new transfer policy is a disaster?",
             "Wishing everyone a happy Diwali!",
             "Can I share a screenshot of a file noting in a WhatsApp group?"]


def test_questions_during_index_switches_never_fail_or_tear(mini_library, embedder, tmp_path):
    mini_data = mini_library
    build_index(mini_data.data_dir, library=mini_data, embedder=embedder)
    om = tmp_path / "om.txt"
    om.write_text(OM)
    script = textwrap.dedent(f"""
        from pathlib import Path
        from bot.admin import AdminService
        from knowledge.library import Library
        lib = Library(Path({str(mini_data.data_dir)!r}), Path({str(mini_data.pack_dir)!r}))
        admin = AdminService(lib.data_dir, library=lib)
        for _ in range(4):
            admin.add(Path({str(om)!r}), actor="cli:test", id="gad-photo-om", applies_to="AIS,CCS")
            admin.remove("gad-photo-om", actor="cli:test")
    """)
    writer = subprocess.Popen([sys.executable, "-c", script])
    lib = Library(mini_data.data_dir, mini_data.pack_dir)
    embedder = get_embedder()
    niyam = Niyam(lib.data_dir, SearchIndex(IndexStore(lib.data_dir), embedder.embed_query, embedder.embed_documents),
                  library=lib)
    known = {(m["ref"], t) for t, m in zip(niyam.index.texts, niyam.index.metas, strict=False)}
    sections = {m["ref"]: m["section_text"] for m in niyam.index.metas}
    errors: list[str] = []
    torn: list[str] = []
    versions: set[int] = set()

    def asker():
        i = 0
        while (writer.poll() is None or i < 20) and i < 2000:  # ask until the writer is done
            i += 1
            try:
                snap = niyam.index.snapshot()
                versions.add(snap.version)
                a = niyam.ask(QUESTIONS[i % len(QUESTIONS)], "AIS")
            except Exception as e:  # noqa: BLE001 - any failure is what this test looks for
                errors.append(f"{type(e).__name__}: {e}")
                continue
            for c in a.citations:
                text = sections.get(c.ref) or (OM if c.document == "gad-photo-om" else "")
                if c.excerpt not in text:
                    torn.append(f"{c.ref}: {c.excerpt[:60]}")

    threads = [threading.Thread(target=asker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert writer.wait(timeout=600) == 0
    assert not errors, errors[:3]
    assert not torn, torn[:3]
    assert known  # the pack was indexed
    assert len(versions) >= 3, versions  # the askers really read across index switches
