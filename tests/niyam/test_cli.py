"""The command line as a user runs it: every failure a user can cause is one line on stderr and exit 2."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from niyam.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def run(args: list, tmp_path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NIYAM_")}
    environment.update(NIYAM_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-m", "niyam.cli", *args], cwd=ROOT, env=environment,
                          capture_output=True, timeout=120)


def one_line(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, err[-2000:]
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err[-2000:]
    return err


@pytest.mark.parametrize("question", [b"Can I post \xff\xfe this?", b"\x01\x02binary\x1b[2J\x7f"])
def test_a_question_that_is_not_text_is_one_line_and_exit_2(tmp_path, question):
    """Issue 17 (7): invalid UTF-8 or binary in argv (refused before the model is loaded)."""
    err = one_line(run([b"ask", question], tmp_path))
    assert "UTF-8" in err or "control characters" in err


def test_an_unreachable_chroma_server_is_one_line_and_exit_2(tmp_path):
    """Issue 17 (15): NIYAM_CHROMA_URL pointing at nothing."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    err = one_line(run(["index", "status"], tmp_path, NIYAM_CHROMA_URL=f"http://127.0.0.1:{port}"))
    assert "Chroma" in err


@pytest.mark.parametrize("args,env,reason", [
    (["ask", "hello", "--service", "IFS"], {}, "unknown service"),
    (["serve", "matrix"], {}, "unknown platform"),
    (["serve", "slack"], {}, "NIYAM_SLACK_BOT_TOKEN is not set"),
    (["serve", "telegram"], {"NIYAM_TELEGRAM_PORT": "eighty", "NIYAM_TELEGRAM_TOKEN": "1:x"}, "NIYAM_TELEGRAM_PORT"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path, args, env, reason):
    assert reason in one_line(run(args, tmp_path, **env))


def test_settings_are_read_once_from_the_contracts_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("NIYAM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NIYAM_ADMINS", " telegram:1, slack:U2 ,,")
    monkeypatch.setenv("NIYAM_SLACK_PORT", "3001")
    monkeypatch.setenv("NIYAM_TELEGRAM_WEBHOOK_URL", "")  # empty counts as unset
    s = Settings()
    assert s.data_dir == tmp_path and s.admins == {"telegram:1", "slack:U2"} and s.slack_port == 3001
    from adapters.telegram.app import DEFAULT_API_ROOT

    assert s.telegram_webhook_url is None and s.telegram_api_url == DEFAULT_API_ROOT  # the contract's default


def test_nothing_imports_the_composition_root():
    for package in ("bot", "chat", "knowledge", "retrieval", "adapters"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text()
            assert "from niyam" not in text and "import niyam" not in text, path
