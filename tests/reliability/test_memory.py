"""Memory: a serving process stays flat across 50 re-index cycles (issue 17 item 4, the memory part).

The serving process is a child of the test, so its RSS is its own: it answers a question on every version while
an admin adds and removes a circular in it (the chat's "Index it" path). Before the fix every version read
through a Chroma engine kept open stayed in chromadb's native HNSW cache (about 5 MB a version, Python's heap
flat); see retrieval/engines.py."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.reliability.conftest import MINI, OM, QUESTION, ROOT

CYCLES = 50
SERVE = textwrap.dedent("""
    import gc, json, shutil, sys, tempfile
    from pathlib import Path
    from bot.admin import AdminService
    from bot.service import Niyam
    from knowledge.library import Library
    from retrieval import engines
    from retrieval.embeddings import get_embedder
    from retrieval.indexer import build_index
    from retrieval.search import SearchIndex
    from retrieval.store import IndexStore

    mini, om_text, question, cycles = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    work = Path(tempfile.mkdtemp(prefix="niyam-memory-"))
    shutil.copytree(mini, work / "pack")
    lib = Library(work / "data", work / "pack")
    emb = get_embedder()
    build_index(lib.data_dir, library=lib, embedder=emb)
    niyam = Niyam(lib.data_dir, SearchIndex(IndexStore(lib.data_dir), emb.embed_query, emb.embed_documents),
                  library=lib)
    admin = AdminService(lib.data_dir, embedder=emb, library=lib)
    om = work / "om.txt"

    def rss():
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    rows, versions = [], []
    for n in range(cycles):
        if n % 2 == 0:
            om.write_text(om_text.format(n=n))
            admin.add(om, actor="cli:test", id="cycling-om", applies_to="AIS,CCS")
        else:
            admin.remove("cycling-om", actor="cli:test")
        niyam.ask(question, "AIS")  # reads the new version into a snapshot
        versions.append(niyam.index.snapshot().version)
        gc.collect()
        rows.append(round(rss(), 1))
    print(json.dumps({"rss": rows, "versions": versions, "engines_open": engines.open_count()}))
    shutil.rmtree(work, ignore_errors=True)
""")


@pytest.mark.slow
def test_fifty_reindex_cycles_keep_a_serving_process_flat(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1")
    res = subprocess.run([sys.executable, "-c", SERVE, str(MINI), OM, QUESTION, str(CYCLES)], env=env,
                         capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-3000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    rss, versions = out["rss"], out["versions"]
    assert versions == list(range(2, CYCLES + 2))  # every cycle was a new version, and it was served
    assert out["engines_open"] == 0  # no Chroma engine stays open between operations
    growth = rss[-1] - rss[4]  # after a few versions' warm-up (the verdict model, the first engines)
    assert growth < 50, f"RSS grew {growth:.0f} MB over {CYCLES - 5} versions: {rss}"
