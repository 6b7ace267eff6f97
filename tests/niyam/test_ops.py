"""Operating `niyam serve`: JSON log lines, the /healthz readiness check over the real service, and the CLI's one
line for an unreachable database."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from types import SimpleNamespace

from typer.testing import CliRunner

from niyam.cli import app
from niyam.ops import JsonFormatter, follow_pointer, readiness, start_health_server
from tests.deploy.servers import free_port


def test_json_log_lines_are_one_object_each_without_exception_text():
    record = logging.LogRecord("niyam.chat", logging.ERROR, __file__, 1, "internal error %s", ("ab12",), None)
    try:
        raise ValueError("a draft's words")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    row = json.loads(line)
    assert row["level"] == "ERROR" and row["logger"] == "niyam.chat" and row["message"] == "internal error ab12"
    assert row["exception"] == "ValueError" and "draft" not in line and "\n" not in line


def _get(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_healthz_is_ready_with_the_real_index_and_database_and_503_when_not(niyam):
    version = f"v{niyam.index.store.active().version}"
    assert readiness(niyam) == {"ready": True, "checks": {"database": "ok", "index": "ok", "version": version},
                                "serving": version}
    port = free_port()
    state = {"ready": True}
    server = start_health_server(port, lambda: readiness(niyam) if state["ready"] else {"ready": False}, "127.0.0.1")
    try:
        status, body = _get(port)
        assert status == 200 and body["ready"] is True
        state["ready"] = False
        assert _get(port)[0] == 503
    finally:
        server.shutdown()


def test_the_cli_says_in_one_line_when_the_database_cannot_be_reached(tmp_path, monkeypatch):
    monkeypatch.setenv("NIYAM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NIYAM_DATABASE_URL", "postgresql://niyam@127.0.0.1:1/niyam")
    res = CliRunner().invoke(app, ["index", "status"])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1
    assert "cannot reach the database at postgresql://127.0.0.1:1/niyam" in res.stderr


def test_the_follower_stops_and_joins_on_shutdown_without_a_warning(niyam, caplog):
    """Issue 18: at exit a follower left running polled a torn-down service and logged "could not follow the
    active index (AttributeError)". Stopped, it joins, and a refresh failing because of the shutdown is not a
    warning."""
    caplog.set_level(logging.DEBUG, logger="niyam.ops")
    follower = follow_pointer(SimpleNamespace(index=niyam.index), every=0.05)  # the real index, polled
    assert follower.running
    time.sleep(0.3)  # several polls of the real pointer: nothing changed, nothing logged
    follower.stop(timeout=10)
    assert not follower.running and "niyam-follow" not in {t.name for t in threading.enumerate()}

    entered, release = threading.Event(), threading.Event()

    class Closing:
        """An index whose refresh fails as a torn-down one does, once the process has begun to stop."""

        pointer = None

        def refresh(self) -> bool:
            entered.set()
            release.wait(10)
            raise AttributeError("'NoneType' object has no attribute 'session'")

    follower = follow_pointer(SimpleNamespace(index=Closing()), every=0.01)
    assert entered.wait(10)
    threading.Timer(0.2, release.set).start()
    follower.stop(timeout=10)
    assert not follower.running
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
