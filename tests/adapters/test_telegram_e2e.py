"""End to end: the real Niyam service (real index, real embeddings) behind the real Telegram Application,
over HTTP on loopback against the Bot API double."""

from __future__ import annotations

import pytest

from adapters.telegram import build_application
from bot.answer import VERDICT_LABELS, VERDICT_MARKERS
from tests.adapters.telegram_double import TOKEN, BotApiDouble, html_problems, running_bot

QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"


@pytest.mark.slow
async def test_real_niyam_answers_an_officer_in_telegram(niyam, tmp_path):
    double = BotApiDouble()
    await double.start()
    try:
        app = build_application(niyam, token=TOKEN, base_url=double.root, data_dir=tmp_path, admins=set())
        async with running_bot(app):
            await double.say(QUESTION)
            (sent,) = await double.wait_for("sendMessage", timeout=120)
            await double.say("/rule AIS 7")
            await double.wait_for("sendMessage", 2, timeout=60)
            await double.say("/sources")
            await double.wait_for("sendMessage", 3, timeout=60)
    finally:
        await double.stop()
    answer = sent.params["text"]
    assert any(answer.startswith(f"{VERDICT_MARKERS[v]} <b>{VERDICT_LABELS[v]}</b>") for v in VERDICT_LABELS), answer[:200]
    assert "AIS 7" in answer, answer
    texts = double.texts()
    assert all(html_problems(t) == [] and len(t) <= 4096 for t in texts)
    assert "<b>AIS 7" in texts[1]
    assert "All India Services (Conduct) Rules, 1968" in "".join(texts[2:])
