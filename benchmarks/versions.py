"""Resources of a serving process across index versions: RSS and disk while an admin process adds and removes a
circular N times and this process answers questions throughout (issue 17: flat, not growing per version).
Usage: python benchmarks/versions.py [--cycles 50] [--pack DIR]   (default pack: the test suite's small pack)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OM = """No. GAD/SM/2026/{n}
Government of Testland
Dated: 2nd April, 2026

OFFICE MEMORANDUM

Subject: Photographs of official meetings on social media ({n}).

2. No Government servant shall post photographs of review meetings on any social media platform.
"""


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def disk_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=50)
    ap.add_argument("--pack", default=str(ROOT / "tests/retrieval/mini_pack"))
    args = ap.parse_args()
    from bot.service import Niyam
    from knowledge.library import Library
    from retrieval.embeddings import get_embedder
    from retrieval.indexer import build_index
    from retrieval.search import SearchIndex
    from retrieval.store import IndexStore

    work = Path(tempfile.mkdtemp(prefix="niyam-versions-"))
    pack = work / "pack"
    shutil.copytree(args.pack, pack)
    lib = Library(work / "data", pack)
    embedder = get_embedder()
    build_index(lib.data_dir, library=lib, embedder=embedder)
    niyam = Niyam(lib.data_dir, SearchIndex(IndexStore(lib.data_dir), embedder.embed_query, embedder.embed_documents),
                  library=lib)
    question = "Can I post a photo of today's review meeting on Instagram?"
    niyam.ask(question, "AIS")
    # the admin works in another process, as in a deployment; this process only serves
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        from pathlib import Path
        from bot.admin import AdminService
        from knowledge.library import Library
        lib = Library(Path({str(lib.data_dir)!r}), Path({str(pack)!r}))
        admin = AdminService(lib.data_dir, library=lib)
        om = Path({str(work / "om.txt")!r})
        for n in range({args.cycles}):
            om.write_text({OM!r}.format(n=n))
            admin.add(om, actor="bench", id="gad-photo-om", applies_to="AIS,CCS")
            admin.remove("gad-photo-om", actor="bench")
    """)], cwd=str(ROOT))
    rows = []
    seen = set()
    t0 = time.perf_counter()
    while writer.poll() is None:
        niyam.ask(question, "AIS")
        version = niyam.index.snapshot().version
        if version not in seen:
            seen.add(version)
            rows.append((len(seen), round(rss_mb(), 1), round(disk_mb(lib.data_dir), 2)))
    niyam.ask(question, "AIS")
    rows.append((len(seen) + 1, round(rss_mb(), 1), round(disk_mb(lib.data_dir), 2)))
    first, tenth, last = rows[0], rows[min(9, len(rows) - 1)], rows[-1]
    print(json.dumps({"cycles": args.cycles, "versions_seen": len(seen), "seconds": round(time.perf_counter() - t0, 1),
                      "rss_mb": {"after_1": first[1], "after_10": tenth[1], "after_last": last[1],
                                 "growth_10_to_last": round(last[1] - tenth[1], 1)},
                      "disk_mb": {"after_1": first[2], "after_10": tenth[2], "after_last": last[2],
                                  "growth_10_to_last": round(last[2] - tenth[2], 2)}}, indent=1))


if __name__ == "__main__":
    main()
