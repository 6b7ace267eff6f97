"""`serve()` as an operator runs it: a separate process configured only by the contract's environment
variables, talking to the local Bot API double, stopped with SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.adapters.telegram_double import TOKEN, BotApiDouble, double  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]
# `niyam serve telegram` as the composition root runs it (settings read once, one line and exit 2 for bad
# configuration), with the fake service in place of the model
SCRIPT = ("import logging; logging.basicConfig(level=logging.DEBUG); "
          "from tests.adapters.conftest import FakeService; from niyam.cli import one_line_errors, settings; "
          "from niyam.adapters import run_adapter; "
          "one_line_errors(lambda: run_adapter('telegram', settings(), FakeService))()")
QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"




def environment(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NIYAM_")}
    env.update(NIYAM_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT), **extra)
    return env


async def start(env):
    return await asyncio.create_subprocess_exec(sys.executable, "-c", SCRIPT, cwd=ROOT, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def stop(proc) -> tuple[int, str]:
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), 15)
    return proc.returncode, err.decode()


async def test_serve_polls_answers_and_stops_cleanly_on_sigterm(double, tmp_path):
    proc = await start(environment(tmp_path, NIYAM_TELEGRAM_TOKEN=TOKEN, NIYAM_TELEGRAM_API_URL=double.root + "/"))
    try:
        await double.wait_for("setMyCommands", timeout=30)
        await double.wait_for("getUpdates", timeout=10)
        update = await double.say(QUESTION)
        (sent,) = await double.wait_for("sendMessage", timeout=10)
        assert sent.params["text"].startswith("⛔ <b>Not allowed</b>")
    finally:
        code, err = await stop(proc)
    assert code == 0, err[-2000:]
    assert "Application.stop() complete" in err
    # the last poll confirmed the answered update, so a restart will not answer it twice
    assert double.of("getUpdates")[-1].params["offset"] == update["update_id"] + 1
    assert "criticise" not in err and TOKEN not in err


async def test_serve_webhook_checks_the_secret(double, tmp_path, unused_tcp_port):
    url = f"http://127.0.0.1:{unused_tcp_port}/tg/hook"
    proc = await start(environment(tmp_path, NIYAM_TELEGRAM_TOKEN=TOKEN, NIYAM_TELEGRAM_API_URL=double.root,
                                   NIYAM_TELEGRAM_WEBHOOK_URL=url, NIYAM_TELEGRAM_WEBHOOK_SECRET="s3cret-Token_1",
                                   NIYAM_TELEGRAM_PORT=str(unused_tcp_port), NIYAM_TELEGRAM_LISTEN="127.0.0.1"))
    try:
        (hook,) = await double.wait_for("setWebhook", timeout=30)
        assert hook.params["url"] == url and hook.params["secret_token"] == "s3cret-Token_1"
        assert hook.params["allowed_updates"] == ["message", "edited_message", "callback_query"]
        update = {"update_id": 7, "message": double.message(QUESTION)}
        async with aiohttp.ClientSession() as http:
            for _ in range(100):  # the webhook server starts right after setWebhook
                try:
                    async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}) as r:
                        assert r.status == 403
                        break
                except aiohttp.ClientConnectorError:
                    await asyncio.sleep(0.05)
            else:
                pytest.fail("webhook server never came up")
            await asyncio.sleep(0.2)
            assert not double.of("sendMessage")
            # issue 17 (13): Telegram (or a proxy) delivering the same update three times is answered once
            for _ in range(3):
                async with http.post(url, json=update,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"}) as r:
                    assert r.status == 200
        (sent,) = await double.wait_for("sendMessage", timeout=10)
        assert "Not allowed" in sent.params["text"]
        await asyncio.sleep(0.5)
        assert len(double.of("sendMessage")) == 1
    finally:
        code, err = await stop(proc)
    assert code == 0, err[-2000:]
    assert "criticise" not in err


@pytest.mark.parametrize("extra,reason", [
    ({}, "NIYAM_TELEGRAM_TOKEN is not set"),
    ({"NIYAM_TELEGRAM_TOKEN": TOKEN, "NIYAM_TELEGRAM_WEBHOOK_URL": "https://bot.example.invalid/hook"},
     "needs NIYAM_TELEGRAM_WEBHOOK_SECRET"),
    ({"NIYAM_TELEGRAM_TOKEN": TOKEN, "NIYAM_TELEGRAM_WEBHOOK_URL": "https://bot.example.invalid/hook",
      "NIYAM_TELEGRAM_WEBHOOK_SECRET": "ok", "NIYAM_TELEGRAM_PORT": "eighty"}, "NIYAM_TELEGRAM_PORT"),
])
async def test_serve_refuses_bad_configuration(tmp_path, extra, reason):
    proc = await start(environment(tmp_path, **extra))
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert reason in err.decode()


async def test_serve_reports_a_refused_token_or_an_unreachable_api(double, tmp_path, unused_tcp_port):
    proc = await start(environment(tmp_path, NIYAM_TELEGRAM_TOKEN="999:wrong", NIYAM_TELEGRAM_API_URL=double.root))
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2 and "refused NIYAM_TELEGRAM_TOKEN" in err.decode()
    assert "999:wrong" not in err.decode()
    proc = await start(environment(tmp_path, NIYAM_TELEGRAM_TOKEN=TOKEN,
                                   NIYAM_TELEGRAM_API_URL=f"http://127.0.0.1:{unused_tcp_port}"))
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2 and "cannot reach the Bot API" in err.decode()
