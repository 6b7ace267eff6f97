"""Issue 18's measure: a department-wide deployment. Two `niyam serve slack` replicas and an admin's CLI, each a
real process: on a real Chroma server and a real PostgreSQL with three separate data dirs, and on SQLite with
one shared data dir (embedded Chroma). Questions to both replicas while the admin adds and removes a circular
are all answered, never "Sorry"; each change is live on both within 5 s; a rulebook chosen through one replica
holds on the other; a Slack retry of an event that lands on the other replica is answered once; /healthz says
ready; the admin's added circular is in the database, not in any replica's data dir; each replica stops cleanly on
SIGTERM, its pointer follower with it (no "could not follow" line).

Cycles: the issue's 10 add+remove pairs per backend. Each admin command is a process; a remove loads no model and
copies no vector (the new version names the active version's unchanged collections), an add embeds only the new
circular's sections."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings
from sqlalchemy import func, select

from retrieval.embeddings import get_embedder
from retrieval.indexer import build_index
from retrieval.store import IndexStore
from state.db import database, forget
from state.schema import AuditRow, DocumentRow
from tests.adapters.slack_double import (  # noqa: F401
    BOT_TOKEN,
    SIGNING_SECRET,
    SlackSender,
    all_text,
    dm,
    slack_double,
)
from tests.deploy.servers import BIN, chroma_server, free_port, postgres_server, wait_until
from tests.reliability.conftest import OM
from tests.reliability.conftest import QUESTION as DRONE_QUESTION

CYCLES = int(os.environ.get("NIYAM_TEST_CYCLES", "10"))  # the 10 (fewer only by hand)
VISIBLE_WITHIN = 5.0
TITLE = "Drone footage circular"
QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"
APOLOGY = "something went wrong"
_users = itertools.count(1)


def _env(data_dir: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIYAM_")}
    env.update(HF_HUB_OFFLINE="1", NIYAM_DATA_DIR=str(data_dir), **extra)
    return env


def _health(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")
    except OSError:
        return 0, {}


class Replica:
    def __init__(self, name: str, data_dir: Path, shared: dict[str, str], api_url: str, log_dir: Path):
        self.name, self.port, self.health_port = name, free_port(), free_port()
        env = _env(data_dir, {**shared, "NIYAM_SLACK_BOT_TOKEN": BOT_TOKEN, "NIYAM_SLACK_SIGNING_SECRET": SIGNING_SECRET,
                              "NIYAM_SLACK_API_URL": api_url, "NIYAM_SLACK_PORT": str(self.port),
                              "NIYAM_SLACK_HOST": "127.0.0.1", "NIYAM_FOLLOW_SECONDS": "1",
                              "NIYAM_LOG_FORMAT": "json"})
        self.log = log_dir / f"{name}.log"
        self.proc = subprocess.Popen([str(BIN / "niyam"), "serve", "slack", "--health-port", str(self.health_port)],
                                     env=env, cwd=data_dir, stdout=subprocess.DEVNULL,
                                     stderr=open(self.log, "wb"))
        self.slack = SlackSender(f"http://127.0.0.1:{self.port}/slack/events")

    def ready(self) -> bool:
        assert self.proc.poll() is None, f"{self.name} exited: {self.log.read_text()[-3000:]}"
        return _health(self.health_port)[0] == 200

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


async def _ask(double, replica: Replica, text: str, *, user: str | None = None, timeout: float = 90) -> str:
    """A /niyam command through `replica`; the text of its private reply."""
    name = f"r{next(_users)}"
    user = user or f"U{name.upper()}"
    status, _ = await replica.slack.command(text, response_url=double.response_url(name), user=user)
    assert status == 200, f"{replica.name} answered HTTP {status}"
    [reply] = await double.wait_response(name, timeout=timeout)
    return all_text(reply.get("blocks") or []) + " " + str(reply.get("text", ""))


_last: dict[str, str] = {}


async def _cites(double, replica: Replica) -> bool:
    """Whether the replica's answer to the drone question cites the circular."""
    text = _last[replica.name] = await _ask(double, replica, DRONE_QUESTION)
    assert APOLOGY not in text, text
    return "drone-om" in text or TITLE in text


async def _switched(replicas: list[Replica], started: float) -> float:
    """Seconds from `started` until both replicas serve the active version (their /healthz says which)."""
    while True:
        states = [(await asyncio.to_thread(_health, r.health_port))[1] for r in replicas]
        if all(h.get("serving") and h["serving"] == h["checks"]["version"] for h in states):
            return time.monotonic() - started
        assert time.monotonic() - started < 60, states
        await asyncio.sleep(0.1)


async def _within(double, replicas: list[Replica], present: bool, started: float) -> float:
    """Seconds from `started` until every replica's answer cites (or no longer cites) the circular."""
    pending = list(replicas)
    while pending:
        shown = await asyncio.gather(*(_cites(double, r) for r in pending))
        pending = [r for r, s in zip(pending, shown, strict=True) if s != present]
        if pending:
            assert time.monotonic() - started < 90, f"the change never reached every replica: {_last}"
            await asyncio.sleep(0.2)
    return time.monotonic() - started


async def _admin(data_dir: Path, shared: dict[str, str], *args: str) -> str:
    res = await asyncio.to_thread(subprocess.run, [str(BIN / "niyam"), *args], env=_env(data_dir, shared),
                                  cwd=data_dir, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, f"niyam {' '.join(args)}: {res.stderr[-3000:]}"
    return res.stdout


class _Reusing:
    """The session's embedder, answering from the vectors the session's index already holds: the first version
    on the Chroma server is the full pack's, built in seconds instead of minutes (the admin's later adds and
    removes are the CLI's own builds)."""

    def __init__(self, embedder, store: IndexStore):
        self.embedder, self.name, self.known = embedder, embedder.name, {}
        p = store.active()
        for name in (p.sections, p.examples):
            got = store.collection(name).get(include=["documents", "embeddings"])
            self.known.update(zip(got["documents"], got["embeddings"], strict=True))

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.known]
        if missing:
            self.known.update(zip(missing, self.embedder.embed_documents(missing), strict=True))
        return np.asarray([self.known[t] for t in texts], dtype=np.float32)


def _first_version(backend: str, shared: dict[str, str], dirs: list[Path], data_dir: Path, embedder, monkeypatch):
    """The full pack's index, as `niyam index build` makes it, from the session's embeddings."""
    if backend == "sqlite":
        shutil.copytree(data_dir, dirs[0], dirs_exist_ok=True)  # the session's data dir, as a host's copy
        return
    reuse = _Reusing(embedder, IndexStore(data_dir, db=database(data_dir)))
    for k, v in shared.items():
        monkeypatch.setenv(k, v)
    u = urlsplit(shared["NIYAM_CHROMA_URL"])
    client = chromadb.HttpClient(host=u.hostname, port=u.port, settings=ChromaSettings(anonymized_telemetry=False))
    build_index(dirs[2], embedder=reuse, store=IndexStore(dirs[2], client=client))


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_two_replicas_and_an_admin_on_another_data_dir_agree(backend, slack_double, tmp_path, niyam, data_dir,
                                                                   monkeypatch):
    embedder = get_embedder()  # loaded once for the session (the `niyam` fixture built data_dir with it)
    with contextlib.ExitStack() as stack:
        if backend == "postgresql":
            shared = {"NIYAM_DATABASE_URL": stack.enter_context(postgres_server()),
                      "NIYAM_CHROMA_URL": stack.enter_context(chroma_server(tmp_path))}
            dirs = [tmp_path / "host-a", tmp_path / "host-b", tmp_path / "admin"]
        else:
            shared = {}
            dirs = [tmp_path / "shared"] * 3  # one host: one data dir, its SQLite file and embedded Chroma
        for d in dirs:
            d.mkdir(exist_ok=True)
        admin_dir = dirs[2]
        await asyncio.to_thread(_first_version, backend, shared, dirs, data_dir, embedder, monkeypatch)
        assert "index v" in await _admin(admin_dir, shared, "index", "status")
        replicas = [Replica(n, d, shared, slack_double.api_url, tmp_path) for n, d in zip("ab", dirs[:2], strict=True)]
        stack.callback(lambda: [r.stop() for r in replicas])
        await asyncio.to_thread(wait_until, lambda: all(r.ready() for r in replicas), 300, "both replicas ready")
        status, health = _health(replicas[0].health_port)
        assert status == 200 and health["checks"]["database"] == "ok" and health["checks"]["version"].startswith("v")
        assert not any([await _cites(slack_double, r) for r in replicas])  # before the admin's first add

        # a Slack retry that lands on the other replica is answered once
        retried = dm(QUESTION, user="URETRY", channel="DRETRY")
        assert (await replicas[0].slack.event(retried, event_id="EvRETRIED1"))[0] == 200
        assert (await replicas[1].slack.event(retried, event_id="EvRETRIED1", retry=1))[0] == 200
        await slack_double.wait_for("chat.postMessage", timeout=90)
        await asyncio.sleep(3)
        assert len([c for c in slack_double.of("chat.postMessage") if c.args.get("channel") == "DRETRY"]) == 1

        # a rulebook chosen through one replica is the one the other answers with
        await _ask(slack_double, replicas[0], "service CCS", user="USETTINGS")
        assert "CCS" in await _ask(slack_double, replicas[1], QUESTION, user="USETTINGS")
        assert "CCS" not in await _ask(slack_double, replicas[1], QUESTION)  # someone else: the default, AIS

        # questions to both replicas all along the admin's changes
        answers: list[str] = []
        stop = asyncio.Event()

        async def keep_asking() -> None:
            for i in itertools.count():
                if stop.is_set():
                    return
                answers.append(await _ask(slack_double, replicas[i % 2], QUESTION))
                await asyncio.sleep(0.2)  # a steady stream, leaving the 2-core machine's CPU to the admin too

        with database(admin_dir).session() as s:  # the SQLite variant's data dir is a copy of the session's
            adds_before = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "add"))
        asker = asyncio.create_task(keep_asking())
        om = tmp_path / "drone-om.txt"
        om.write_text(OM.format(n=1))
        delays, cited = [], []  # until both serve the new version; until both answers cite (or not) the circular
        try:
            for _ in range(CYCLES):
                for args, present in ((("add", str(om), "--id", "drone-om", "--title", TITLE, "--applies-to",
                                        "AIS,CCS"), True), (("remove", "drone-om"), False)):
                    await _admin(admin_dir, shared, "index", *args)  # returns once the version is live
                    started = time.monotonic()
                    delays.append(await _switched(replicas, started))
                    cited.append(await _within(slack_double, replicas, present, started))
        finally:
            stop.set()
            await asyncio.wait_for(asker, 180)
        print(f"{backend}: switched after {[round(d, 1) for d in delays]} s, answers changed after "
              f"{[round(d, 1) for d in cited]} s")
        assert max(delays) < VISIBLE_WITHIN, delays
        assert len(answers) >= 4 and not [a for a in answers if APOLOGY in a or not a.strip()], answers
        with database(admin_dir).session() as s:  # the circular went through the shared database, no data dir
            assert s.get(DocumentRow, "drone-om") is None  # removed at the end of each cycle
            adds = s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "add"))
            assert adds - adds_before == CYCLES
        forget(admin_dir)  # this test's own connections, before the server stops
        assert not any((d / "documents").exists() for d in dirs)
        for r in replicas:
            r.stop()
            assert r.proc.returncode == 0, r.log.read_text()[-2000:]  # SIGTERM stops serving cleanly
            assert "could not follow" not in r.log.read_text(), r.log.read_text()[-2000:]
        lines = [line for line in replicas[0].log.read_text().splitlines() if line.strip()]  # a blank line: not a record
        assert lines and all(json.loads(line)["logger"] for line in lines)  # NIYAM_LOG_FORMAT=json
        assert QUESTION not in replicas[0].log.read_text()
    print(f"{backend}: {len(answers)} answers during {CYCLES} add/remove cycles, none failed")
