"""Throughput of a department-wide deployment: answers per second with 1, 2 and 3 `niyam serve slack` replicas
against one real Chroma server (`chroma run`, loopback) and one PostgreSQL (issue 18), with the CPU each part
used (the figure that says whether the index server or the advisor is the bottleneck), then the time from an
admin's `niyam index add` (a CLI process with its own data dir) to every replica citing the new circular.

Usage: python benchmarks/replicas.py [--replicas 1,2,3] [--seconds 60] [--concurrency 6] [--adds 3]
                                     [--from-data-dir .niyam]
`--from-data-dir`: a data dir whose embedded index holds the full pack (as `niyam index build` leaves it); its
vectors seed the Chroma server's first version, so the run does not spend minutes embedding the pack again.
Questions: tests/data/questions.jsonl (the development set), each from a new user (no rate limit applies).
Needs PostgreSQL's binaries (Debian: postgresql) and the chroma command (the chromadb package).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# the deployment test's generated office memorandum (a template: `{n}` numbers each copy)
OM = (ROOT / "tests" / "data" / "drone-om.txt").read_text(encoding="utf-8")
DRONE_QUESTION = "Can I post footage from my personal drone flown over the collectorate building on Instagram?"
APOLOGY = "something went wrong"
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its reaped children so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / TICK


class Replica:
    def __init__(self, name: str, data_dir: Path, env: dict[str, str], api_url: str):
        from tests.adapters.slack_double import BOT_TOKEN, SIGNING_SECRET, SlackSender
        from tests.deploy.servers import free_port

        data_dir.mkdir(parents=True, exist_ok=True)
        self.name, self.port, self.health_port = name, free_port(), free_port()
        env = {**env, "NIYAM_DATA_DIR": str(data_dir), "NIYAM_SLACK_BOT_TOKEN": BOT_TOKEN,
               "NIYAM_SLACK_SIGNING_SECRET": SIGNING_SECRET, "NIYAM_SLACK_API_URL": api_url,
               "NIYAM_SLACK_PORT": str(self.port), "NIYAM_SLACK_HOST": "127.0.0.1", "NIYAM_FOLLOW_SECONDS": "1",
               "NIYAM_LOG_FORMAT": "json"}
        self.log = data_dir / "serve.log"
        self.proc = subprocess.Popen([sys.executable, "-m", "niyam.cli", "serve", "slack", "--health-port",
                                      str(self.health_port)], env=env, cwd=data_dir, stdout=subprocess.DEVNULL,
                                     stderr=open(self.log, "wb"))
        self.slack = SlackSender(f"http://127.0.0.1:{self.port}/slack/events")

    def ready(self) -> bool:
        import urllib.request

        assert self.proc.poll() is None, f"{self.name} exited: {self.log.read_text()[-2000:]}"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.health_port}/healthz", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


_names = itertools.count(1)


async def ask(double, replica: Replica, text: str, timeout: float = 120) -> str:
    from tests.adapters.slack_double import all_text

    name = f"q{next(_names)}"
    status, _ = await replica.slack.command(text, response_url=double.response_url(name), user=f"U{name.upper()}")
    assert status == 200, f"{replica.name}: HTTP {status}"
    [reply] = await double.wait_response(name, timeout=timeout)
    double.responses.pop(name, None)
    return all_text(reply.get("blocks") or []) + " " + str(reply.get("text", ""))


async def load(double, replicas: list[Replica], questions: list[str], seconds: float, concurrency: int,
               chroma_pid: int) -> dict:
    """`concurrency` askers, round-robin over the replicas, for `seconds`: answers per second, latency, CPU."""
    counter = itertools.count()
    latencies: list[float] = []
    failed = 0
    pids = {"chroma": [chroma_pid], "replicas": [r.proc.pid for r in replicas]}
    cpu0 = {k: sum(cpu_seconds(p) for p in v) for k, v in pids.items()}
    t0 = time.monotonic()
    end = t0 + seconds

    async def asker() -> None:
        nonlocal failed
        while time.monotonic() < end:
            i = next(counter)
            start = time.monotonic()
            text = await ask(double, replicas[i % len(replicas)], questions[i % len(questions)])
            if APOLOGY in text or not text.strip():
                failed += 1
            if time.monotonic() <= end:
                latencies.append(time.monotonic() - start)

    await asyncio.gather(*(asker() for _ in range(concurrency)))
    wall = time.monotonic() - t0
    cpu = {k: round(sum(cpu_seconds(p) for p in v) - cpu0[k], 1) for k, v in pids.items()}
    return {"replicas": len(replicas), "answers": len(latencies), "seconds": round(wall, 1),
            "answers_per_second": round(len(latencies) / seconds, 2),
            "latency_p50_s": round(statistics.median(latencies), 2) if latencies else None,
            "latency_p95_s": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 2) if latencies else None,
            "failed": failed, "cpu_seconds": cpu,
            "cpu_share": {k: round(v / max(1e-9, sum(cpu.values())), 2) for k, v in cpu.items()}}


async def add_to_citation(double, replicas: list[Replica], admin_env: dict[str, str], admin_dir: Path, n: int,
                          folder: Path) -> dict:
    """One admin add (a CLI process): its own duration, then the time until every replica cites the circular;
    then the remove, so the next trial adds it again."""
    om = folder / f"drone-om-{n}.txt"
    om.write_text(OM.format(n=n))
    t0 = time.monotonic()
    title = f"Drone footage circular {n}"
    res = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "niyam.cli", "index", "add", str(om),
                                                   "--id", f"drone-om-{n}", "--title", title,
                                                   "--applies-to", "AIS,CCS"],
                                  env=admin_env, cwd=admin_dir, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    live = time.monotonic()
    pending = list(replicas)
    while pending:
        shown = await asyncio.gather(*(ask(double, r, DRONE_QUESTION) for r in pending))
        assert not [s for s in shown if APOLOGY in s], shown
        pending = [r for r, s in zip(pending, shown, strict=True) if f"drone-om-{n}" not in s and title not in s]
        assert time.monotonic() - live < 120, f"the add never reached every replica: {shown}"
        if pending:
            await asyncio.sleep(0.2)
    cited = time.monotonic()
    res = await asyncio.to_thread(subprocess.run, [sys.executable, "-m", "niyam.cli", "index", "remove",
                                                   f"drone-om-{n}"], env=admin_env, cwd=admin_dir,
                                  capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    removed = time.monotonic()
    return {"add_command_s": round(live - t0, 1), "live_to_all_citing_s": round(cited - live, 1),
            "command_start_to_all_citing_s": round(cited - t0, 1), "remove_command_s": round(removed - cited, 1)}


def first_version(admin_dir: Path, source: Path | None) -> str:
    """The full pack's index on the Chroma server: the vectors of `source`'s embedded index when given, else
    `niyam index build` (embedding the whole pack)."""
    import numpy as np

    from retrieval.indexer import build_index
    from retrieval.store import IndexStore

    t0 = time.monotonic()
    if source is None:
        subprocess.run([sys.executable, "-m", "niyam.cli", "index", "build"], env=dict(os.environ,
                       NIYAM_DATA_DIR=str(admin_dir)), check=True, capture_output=True, timeout=3600)
        return f"niyam index build: {time.monotonic() - t0:.0f} s"
    import chromadb
    from chromadb.config import Settings

    from retrieval.embeddings import get_embedder

    url, db_url = os.environ.pop("NIYAM_CHROMA_URL"), os.environ.pop("NIYAM_DATABASE_URL")
    try:  # the source's own embedded store and SQLite file
        src = IndexStore(source)
        p = src.active()
        known: dict[str, np.ndarray] = {}
        for name in (p.sections, p.examples):
            got = src.collection(name).get(include=["documents", "embeddings"])
            known.update(zip(got["documents"], got["embeddings"], strict=True))
        src.close()
    finally:
        os.environ["NIYAM_CHROMA_URL"], os.environ["NIYAM_DATABASE_URL"] = url, db_url
    embedder = get_embedder()

    class Reusing:
        name = embedder.name

        def embed_documents(self, texts: list[str]) -> np.ndarray:
            missing = [t for t in texts if t not in known]
            if missing:
                known.update(zip(missing, embedder.embed_documents(missing), strict=True))
            return np.asarray([known[t] for t in texts], dtype=np.float32)

    u = urlsplit(url)
    client = chromadb.HttpClient(host=u.hostname, port=u.port, settings=Settings(anonymized_telemetry=False))
    rep = build_index(admin_dir, embedder=Reusing(), store=IndexStore(admin_dir, client=client))
    return f"seeded from {source}: {rep.embedded} embedded, {rep.reused} reused, {time.monotonic() - t0:.0f} s"


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", default="1,2,3")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--concurrency", type=int, default=6)
    ap.add_argument("--adds", type=int, default=3)
    ap.add_argument("--from-data-dir", type=Path)
    args = ap.parse_args()
    counts = [int(x) for x in args.replicas.split(",")]
    questions = [json.loads(line)["question"] for line in (ROOT / "tests/data/questions.jsonl").read_text().splitlines()
                 if line.strip()]

    from tests.adapters.slack_double import SlackDouble
    from tests.deploy.servers import chroma_server, postgres_server, wait_until

    folder = Path(tempfile.mkdtemp(prefix="niyam-replicas-"))
    with contextlib.ExitStack() as stack:
        db_url = stack.enter_context(postgres_server())
        chroma_url = stack.enter_context(chroma_server(folder))
        chroma_pid = int(subprocess.run(["pgrep", "-n", "-f", f"chroma run --path {folder}"], capture_output=True,
                                        text=True).stdout.split()[0])
        os.environ.update(NIYAM_DATABASE_URL=db_url, NIYAM_CHROMA_URL=chroma_url)
        env = {k: v for k, v in os.environ.items() if not k.startswith("NIYAM_")}
        env.update(HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT), NIYAM_DATABASE_URL=db_url, NIYAM_CHROMA_URL=chroma_url)
        admin_dir = folder / "admin"
        admin_dir.mkdir()
        seeded = await asyncio.to_thread(first_version, admin_dir,
                                         args.from_data_dir.resolve() if args.from_data_dir else None)
        print(f"first version: {seeded}", file=sys.stderr)
        double = await SlackDouble().start()
        replicas: list[Replica] = []
        results, adds = [], []
        try:
            for n in counts:
                while len(replicas) < n:
                    replicas.append(Replica(f"r{len(replicas) + 1}", folder / f"host-{len(replicas) + 1}", env,
                                            double.api_url))
                await asyncio.to_thread(wait_until, lambda: all(r.ready() for r in replicas), 600, "replicas ready")
                for r in replicas:  # a first question each: the verdict model and caches warm
                    await ask(double, r, questions[0])
                if args.seconds > 0:
                    got = await load(double, replicas, questions, args.seconds, args.concurrency, chroma_pid)
                    print(json.dumps(got), file=sys.stderr)
                    results.append(got)
            admin_env = {**env, "NIYAM_DATA_DIR": str(admin_dir)}
            for i in range(args.adds):
                got = await add_to_citation(double, replicas, admin_env, admin_dir, i + 1, folder)
                print(json.dumps(got), file=sys.stderr)
                adds.append(got)
        finally:
            for r in replicas:
                r.stop()
            await double.stop()
    print(json.dumps({"cpus": os.cpu_count(), "seconds": args.seconds, "concurrency": args.concurrency,
                      "first_version": seeded, "throughput": results, "add_to_citation": adds}, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
