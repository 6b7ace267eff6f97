"""chromadb alone: what a reading process keeps of every collection it opened (issue 17 item 4's root cause).

A writer process creates a collection per version and deletes the one before the previous, as Niyam's builds
do; this process reads each new version whole. `--keep` reads through one client kept open (Niyam before the
fix); `--close` opens a client per read and closes it (retrieval/engines.py).
Measured (chromadb 1.5.9, 400 rows of 384 dims): --keep grows 3.6 MB a version, linearly, also with
MALLOC_ARENA_MAX=2 (what is kept is live: the engine's cache); --close grows about 1 MB a version over the first
20 versions and then less and less (0.27 MB a version over versions 20-90), and is flat with MALLOC_ARENA_MAX=2:
that remainder is glibc's per-thread arenas (each engine's worker threads allocate in their own), not a leak.
Usage: python benchmarks/chroma_cache.py [--versions 30] [--rows 400] (--keep | --close)
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tempfile
from pathlib import Path

WRITER = """
import sys
import numpy as np, chromadb
from chromadb.config import Settings
path, versions, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
client = chromadb.PersistentClient(path=path, settings=Settings(anonymized_telemetry=False))
for v in range(1, versions + 1):
    col = client.create_collection(f"rows-v{v}", metadata={"hnsw:space": "cosine"}, embedding_function=None)
    vecs = np.random.default_rng(v).standard_normal((rows, 384)).astype(np.float32)
    col.add(ids=[f"r{i}" for i in range(rows)], documents=[f"text {i} " + "word " * 50 for i in range(rows)],
            metadatas=[{"n": i} for i in range(rows)], embeddings=vecs)
    if v > 2:
        client.delete_collection(f"rows-v{v - 2}")
    print(v, flush=True)
    sys.stdin.readline()
"""


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--versions", type=int, default=30)
    ap.add_argument("--rows", type=int, default=400)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--keep", action="store_true", help="one client kept open across versions")
    mode.add_argument("--close", action="store_true", help="a client per read, closed after it")
    args = ap.parse_args()
    import chromadb
    from chromadb.config import Settings

    path = tempfile.mkdtemp(prefix="chroma-cache-")
    settings = Settings(anonymized_telemetry=False)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, path, str(args.versions), str(args.rows)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdin and writer.stdout
    kept = chromadb.PersistentClient(path=path, settings=settings) if args.keep else None
    rss = []
    for v in range(1, args.versions + 1):
        writer.stdout.readline()
        client = kept or chromadb.PersistentClient(path=path, settings=settings)
        got = client.get_collection(f"rows-v{v}", embedding_function=None).get(
            include=["documents", "metadatas", "embeddings"])
        assert len(got["ids"]) == args.rows
        if kept is None:
            client.close()  # the last client of this path: the engine stops and frees what it cached
        del got, client
        gc.collect()
        rss.append(round(rss_mb(), 1))
        writer.stdin.write("\n")
        writer.stdin.flush()
    writer.wait()
    warm = min(5, len(rss) - 1)
    print(json.dumps({"mode": "keep" if args.keep else "close", "versions": args.versions, "rows": args.rows,
                      "rss_mb": {"after_1": rss[0], f"after_{warm + 1}": rss[warm], "after_last": rss[-1]},
                      "mb_per_version_after_warm_up": round((rss[-1] - rss[warm]) / (len(rss) - 1 - warm), 2)}))


if __name__ == "__main__":
    main()
