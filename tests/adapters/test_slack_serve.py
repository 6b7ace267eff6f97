"""`niyam serve slack` reads the contract's environment (through niyam/settings.py): HTTP mode on
NIYAM_SLACK_PORT, Socket Mode with an app token; bad configuration and a port in use are one line."""

from __future__ import annotations

import asyncio
import socket

import pytest

from adapters.slack.app import serve_async
from knowledge.errors import BadInput
from niyam.adapters import run_adapter, slack_config
from niyam.cli import one_line_errors, settings
from niyam.settings import Settings
from tests.adapters.slack_double import (  # noqa: F401
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER,
    SIGNING_SECRET,
    SlackSender,
    all_text,
    event_callback,
    mention,
    slack_double,
)

QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def slack_env(monkeypatch, tmp_path, slack_double):
    monkeypatch.setenv("NIYAM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NIYAM_SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("NIYAM_SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("NIYAM_SLACK_API_URL", slack_double.api_url.rstrip("/"))  # the trailing slash is optional
    monkeypatch.setenv("NIYAM_SLACK_HOST", "127.0.0.1")
    monkeypatch.delenv("NIYAM_SLACK_APP_TOKEN", raising=False)
    return monkeypatch


async def _wait_listening(port: int) -> None:
    for _ in range(100):
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise AssertionError("the server did not start")


async def test_http_mode_answers_a_mention_in_its_thread_and_a_slash_command_privately(slack_env, slack_double,
                                                                                       fake_service):
    port = _free_port()
    slack_env.setenv("NIYAM_SLACK_PORT", str(port))
    stop = asyncio.Event()
    task = asyncio.create_task(serve_async(fake_service, slack_config(Settings()), data_dir=Settings().data_dir,
                                           stop=stop))
    try:
        await _wait_listening(port)
        slack = SlackSender(f"http://127.0.0.1:{port}/slack/events")
        assert (await slack.event(mention(f"<@{BOT_USER}> {QUESTION}", ts="1700000000.000111")))[0] == 200
        [post] = await slack_double.wait_for("chat.postMessage")
        assert post.args["thread_ts"] == "1700000000.000111" and "AIS 7(i)" in all_text(post.args["blocks"])
        await slack.command(QUESTION, response_url=slack_double.response_url("cmd"))
        [private] = await slack_double.wait_response("cmd")
        assert private["response_type"] == "ephemeral" and "Not allowed" in all_text(private["blocks"])
        assert (await slack.post("{}", "application/json", signed=False))[0] == 401
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


async def test_socket_mode_when_an_app_token_is_set(slack_env, slack_double, fake_service):
    slack_env.setenv("NIYAM_SLACK_APP_TOKEN", APP_TOKEN)
    slack_env.delenv("NIYAM_SLACK_SIGNING_SECRET")
    stop = asyncio.Event()
    task = asyncio.create_task(serve_async(fake_service, slack_config(Settings()), data_dir=Settings().data_dir,
                                           stop=stop))
    try:
        await slack_double._wait(lambda: slack_double.ws_connections, 5)
        body = event_callback(mention(f"<@{BOT_USER}> {QUESTION}", ts="1700000000.000222"))
        await slack_double.envelopes.put({"envelope_id": "e1", "type": "events_api", "payload": body,
                                          "accepts_response_payload": False})
        await slack_double.wait_ack("e1")
        [post] = await slack_double.wait_for("chat.postMessage")
        assert post.args["thread_ts"] == "1700000000.000222"
    finally:
        stop.set()
        await asyncio.wait_for(task, 5)


def _serve(fake_service) -> None:
    """`niyam serve slack` as the composition root runs it, with the fake service."""
    one_line_errors(lambda: run_adapter("slack", settings(), lambda: fake_service))()


@pytest.mark.parametrize("unset,reason", [("NIYAM_SLACK_BOT_TOKEN", "NIYAM_SLACK_BOT_TOKEN"),
                                          ("NIYAM_SLACK_SIGNING_SECRET", "NIYAM_SLACK_SIGNING_SECRET")])
def test_missing_configuration_exits_2_with_a_reason(slack_env, fake_service, capsys, unset, reason):
    slack_env.delenv(unset)
    with pytest.raises(SystemExit) as exit_:
        _serve(fake_service)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert reason in err and len(err.strip().splitlines()) == 1


def test_a_bad_port_exits_2(slack_env, fake_service, capsys):
    slack_env.setenv("NIYAM_SLACK_PORT", "http")
    with pytest.raises(SystemExit) as exit_:
        _serve(fake_service)
    assert exit_.value.code == 2 and "NIYAM_SLACK_PORT" in capsys.readouterr().err


def test_a_port_in_use_is_one_line_and_exit_2(slack_env, fake_service, capsys):
    """Issue 17 (15): `serve slack` on a port another process holds: one line, exit 2, no traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        slack_env.setenv("NIYAM_SLACK_PORT", str(taken.getsockname()[1]))
        with pytest.raises(SystemExit) as exit_:
            _serve(fake_service)
        with pytest.raises(BadInput):
            asyncio.run(serve_async(fake_service, slack_config(Settings()), data_dir=Settings().data_dir))
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and len(err.strip().splitlines()) == 1
    assert "is in use" in err and "NIYAM_SLACK_PORT" in err and "Traceback" not in err
