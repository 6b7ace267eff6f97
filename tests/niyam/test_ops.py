"""Operating `niyam serve`: JSON log lines, the /healthz readiness check over the real service, and the CLI's one
line for an unreachable database."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from typer.testing import CliRunner

from niyam.cli import app
from niyam.ops import JsonFormatter, readiness, start_health_server
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
