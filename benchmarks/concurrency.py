"""Questions while the index switches: 4 threads ask (at least 200 questions each, until the writer is done) while
a second process adds and removes a circular 20 times. Counts errors and citations whose excerpt is not in the
section they name. Usage: python benchmarks/concurrency.py [--cycles 20] [--threads 4] [--questions 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.evaluate import load_questions  # noqa: E402

OM = """No. GAD/SM/2026/7
Government of Testland
Dated: 2nd April, 2026

OFFICE MEMORANDUM

Subject: Photographs of official meetings on social media.

2. No Government servant shall post photographs of review meetings on any social media platform.
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=20)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--questions", type=int, default=200)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="niyam-conc-"))
    data = work / "data"
    from bot.service import Niyam

    niyam = Niyam.open(data)
    om = work / "om.txt"
    om.write_text(OM)
    writer_src = textwrap.dedent(f"""
        from pathlib import Path
        from bot.admin import AdminService
        admin = AdminService(Path({str(data)!r}))
        for _ in range({args.cycles}):
            admin.add(Path({str(om)!r}), actor="bench", id="gad-photo-om", applies_to="AIS,CCS")
            admin.remove("gad-photo-om", actor="bench")
    """)
    questions = [q.question for q in load_questions(ROOT / "tests/data/questions.jsonl")]
    questions.insert(0, "Can I post a photo of today's review meeting on Instagram?")
    sections = {m["ref"]: m["section_text"] for m in niyam.index.metas}
    errors: list[str] = []
    torn: list[str] = []
    asked = [0] * args.threads
    versions: set[int] = set()
    niyam.ask("warm-up", "AIS")
    t0 = time.perf_counter()
    writer = subprocess.Popen([sys.executable, "-c", writer_src], env=dict(os.environ), cwd=str(ROOT))

    def asker(n: int) -> None:
        i = 0
        while i < args.questions or writer.poll() is None:
            q = questions[(i * 7 + n) % len(questions)]
            i += 1
            try:
                versions.add(niyam.index.snapshot().version)
                a = niyam.ask(q, "AIS" if i % 3 else "CCS")
            except Exception as e:  # noqa: BLE001 - counting failures is the point
                errors.append(type(e).__name__)
                continue
            for c in a.citations:
                text = sections.get(c.ref) or (OM if c.document == "gad-photo-om" else "")
                if c.excerpt not in text:
                    torn.append(c.ref)
        asked[n] = i

    threads = [threading.Thread(target=asker, args=(n,)) for n in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    res = {"threads": args.threads, "questions": sum(asked), "writer_cycles": args.cycles,
           "writer_exit": writer.wait(), "versions_seen": len(versions), "errors": len(errors),
           "error_types": sorted(set(errors)), "torn_citations": len(torn), "seconds": round(time.perf_counter() - t0, 1)}
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
