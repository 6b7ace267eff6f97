"""Real servers for the deployment tests, started on loopback in temporary directories: Chroma's own server
(`chroma run`, from the installed chromadb package) and PostgreSQL (Debian's binaries, run as an unprivileged
user when the tests run as root, since PostgreSQL refuses to run as root)."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float, what: str, every: float = 0.2):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = check()
        if got:
            return got
        time.sleep(every)
    raise AssertionError(f"{what} within {timeout:.0f} s")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """`chroma run` on a free loopback port; yields its URL."""
    exe = BIN / "chroma"
    if not exe.exists():
        pytest.skip("the chroma command of the chromadb package is not installed here")
    port = free_port()
    log = open(folder / "chroma.log", "wb")
    proc = subprocess.Popen([str(exe), "run", "--path", str(folder / "chroma"), "--host", "127.0.0.1", "--port",
                             str(port)], stdout=log, stderr=subprocess.STDOUT, cwd=folder)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: proc.poll() is not None or _answers(f"{url}/api/v2/heartbeat"), 60,
                   "the Chroma server answers")
        assert proc.poll() is None, (folder / "chroma.log").read_text()[-2000:]
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on a free loopback port (trust authentication, loopback only); yields an
    SQLAlchemy URL. Skips, saying why, when the binaries are not installed."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL's initdb/pg_ctl are not installed (Debian: apt-get install postgresql)")
    # PostgreSQL will not run as root: as root, the cluster belongs to `nobody`, in a folder it can reach
    folder = Path(tempfile.mkdtemp(prefix="niyam-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            shutil.rmtree(folder, ignore_errors=True)
            pytest.skip("running as root without runuser: cannot start PostgreSQL as an unprivileged user")
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        as_user = [runuser, "-u", "nobody", "--"]
    port = free_port()
    data = folder / "data"

    def run(*cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run([*as_user, *cmd], capture_output=True, text=True, timeout=120, cwd=folder)

    res = run(initdb, "-D", str(data), "-U", "niyam", "--auth=trust", "-E", "UTF8", "--no-sync")
    assert res.returncode == 0, res.stderr[-2000:]
    res = run(pg_ctl, "-D", str(data), "-l", str(folder / "postgres.log"), "-w", "-t", "60", "-o",
              f"-p {port} -h 127.0.0.1 -k {folder} -c fsync=off -c max_connections=100", "start")
    assert res.returncode == 0, (res.stderr + (folder / "postgres.log").read_text())[-2000:]
    try:
        yield f"postgresql://niyam@127.0.0.1:{port}/postgres"
    finally:
        run(pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
