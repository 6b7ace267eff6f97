"""Shared fixtures: the offline guard, a session-wide built index and the real Niyam service."""

from __future__ import annotations

import ipaddress
import os
import socket

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

_attempts: list[str] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded(real):
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address):
            _attempts.append(repr(address))
            raise ConnectionRefusedError(f"test guard: no network outside loopback ({address!r})")
        return real(self, address)

    return connect


socket.socket.connect = _guarded(_real_connect)
socket.socket.connect_ex = _guarded(_real_connect_ex)


@pytest.fixture(autouse=True)
def no_network():
    """Fails any test that tried to open a non-loopback socket, even if a library swallowed the error."""
    start = len(_attempts)
    yield
    tried = _attempts[start:]
    del _attempts[start:]
    assert not tried, f"test tried to reach the network: {tried}"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    """One built index for the whole session (building embeds the pack once)."""
    path = tmp_path_factory.mktemp("niyam-data")
    os.environ["NIYAM_DATA_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def niyam(data_dir):
    """The real service: real Chroma, real embeddings, the bundled pack."""
    from bot.service import Niyam

    return Niyam.open(data_dir)


@pytest.fixture(scope="session")
def dev_answers(niyam):
    """Every development-set question (tests/data/questions.jsonl) with its answer, asked once per session:
    the tests over what users see share it (it is slow)."""
    from pathlib import Path

    from bot.evaluate import load_questions

    questions = load_questions(Path(__file__).parent / "data" / "questions.jsonl")
    return [(q, niyam.ask(q.question, q.service)) for q in questions]


def stored_bytes(data_dir) -> bytes:
    """Everything the default SQLite database under `data_dir` holds on disk (its file and its write-ahead log),
    to check that a draft's text was never stored."""
    from pathlib import Path

    return b"".join(p.read_bytes() for p in sorted(Path(data_dir).glob("niyam.db*")) if p.is_file())


def stored_profiles(data_dir) -> dict[str, dict[str, str]]:
    """The person settings kept in the data dir's database, as `{user: {field: value}}` with unset fields left
    out (what the settings store actually holds, read past its interface)."""
    from state.db import database
    from state.schema import ProfileRow

    with database(data_dir).session() as s:
        rows = list(s.query(ProfileRow))
        return {r.user: {k: v for k in ("service", "state", "lang") if (v := getattr(r, k)) is not None}
                for r in rows}
