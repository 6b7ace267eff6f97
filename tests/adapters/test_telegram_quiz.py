"""The quiz, the weekly digest and /report in Telegram: the real python-telegram-bot Application (and its JobQueue)
over HTTP on loopback against the Bot API double, with the chat core's real store in the test's data dir."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import json
import re
import sqlite3

import pytest

from adapters.telegram import build_application
from chat.quiz import CODE_OF
from tests.adapters.telegram_double import TOKEN, double, html_problems, running_bot  # noqa: F401 (fixture)

ADMIN = 7
GROUP = -100123
QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"


class Clock:
    """The digest's clock, moved by the test."""

    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock(dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.timezone.utc))  # a Wednesday


@pytest.fixture
async def app(double, tmp_path, fake_service, clock):
    application = build_application(fake_service, token=TOKEN, base_url=double.root, data_dir=tmp_path,
                                    admins={f"telegram:{ADMIN}"}, clock=clock, digest_every=0.05)
    async with running_bot(application):
        yield application


def training(app):
    return app.bot_data["niyam"].core.training


def item_of(app, text: str):
    """The quiz post a question message shows (the double returns the HTML as sent)."""
    shown = html.unescape(re.sub(r"<[^>]+>", "", text))
    found = [i for i in training(app).bank.items.values() if i.text in shown]
    assert len(found) == 1, shown
    return found[0]


def buttons(call) -> list[dict]:
    return [b for row in call.params["reply_markup"]["inline_keyboard"] for b in row]


async def test_a_round_of_five_scores_right_and_wrong_answers_without_repeats(double, app, tmp_path):
    await double.say("/quiz")
    (first,) = await double.wait_for("sendMessage")
    questions = [first]
    chosen_wrong = False
    for n in range(1, 6):
        q = questions[-1]
        assert f"question {n} of 5" in q.params["text"] and html_problems(q.params["text"]) == []
        labels = [b["text"] for b in buttons(q)]
        assert labels == ["✅ Allowed", "🟡 Allowed with care", "📝 Needs prior sanction", "⛔ Not allowed"]
        item = item_of(app, q.params["text"])
        right = CODE_OF[item.verdict]
        answer = right
        if n == 2:  # one wrong answer
            answer = next(c for c in "acsn" if c != right)
            chosen_wrong = True
        data = next(b["callback_data"] for b in buttons(q) if b["callback_data"].endswith(":" + answer))
        assert len(data.encode()) <= 64
        message = next(m for m in double.sent.values() if m["text"] == q.params["text"])
        await double.tap(message, data)
        edit = (await double.wait_for("editMessageText", n))[n - 1]
        reveal = edit.params["text"]
        assert html_problems(reveal) == []
        assert ("Not quite" in reveal) == (n == 2) and ("Right." in reveal) == (n != 2)
        assert html.escape(item.ref, quote=False) in reveal and "Why:" in reveal
        if item.compliant and item.verdict.value != "allowed":
            assert "Compliant version:" in reveal
        if n < 5:
            questions.append((await double.wait_for("sendMessage", n + 1))[-1])
    assert chosen_wrong
    assert "Round over: 4 of 5 right." in reveal and "/quiz" in reveal
    shown = [item_of(app, q.params["text"]).id for q in questions]
    assert len(set(shown)) == 5  # no repeat within a round
    assert len({item_of(app, q.params["text"]).concern for q in questions}) == 5  # five concerns

    # a second tap on an answered question is refused, not scored twice
    await double.tap(message, next(b["callback_data"] for b in buttons(questions[-1])))
    await asyncio.sleep(0.3)
    assert "already" in double.of("answerCallbackQuery")[-1].params.get("text", "") or \
        "ended" in double.of("answerCallbackQuery")[-1].params.get("text", "")

    # only the ids and the score are stored, per person
    store = training(app).store
    assert store.scores("telegram:42") == [(4, 5)]
    assert sorted(store.seen("telegram:42")) == sorted(shown)

    # a new round draws other posts
    await double.say("/quiz")
    nxt = (await double.wait_for("sendMessage", 6))[-1]
    assert item_of(app, nxt.params["text"]).id not in shown


async def test_someone_elses_quiz_button_is_refused(double, app):
    await double.say("/quiz")
    (q,) = await double.wait_for("sendMessage")
    message = next(m for m in double.sent.values() if m["text"] == q.params["text"])
    await double.tap(message, buttons(q)[0]["callback_data"], user_id=99)
    (ans,) = await double.wait_for("answerCallbackQuery")
    assert "someone else's quiz" in ans.params["text"]
    assert not double.of("editMessageText")


async def test_a_hindi_user_gets_hindi_posts(double, tmp_path, fake_service, clock):
    (tmp_path / "settings.json").write_text(json.dumps({"telegram:42": {"service": "AIS", "lang": "hi"}}))
    application = build_application(fake_service, token=TOKEN, base_url=double.root, data_dir=tmp_path, clock=clock)
    async with running_bot(application):
        await double.say("/quiz")
        (q,) = await double.wait_for("sendMessage")
    assert "क्विज़" in q.params["text"]
    assert re.search(r"[\u0900-\u097F]", item_of(application, q.params["text"]).text)
    assert [b["text"] for b in buttons(q)][0] == "✅ अनुमति है"


async def test_the_weekly_digest_is_scheduled_and_posted_by_the_clock(double, app, clock):
    await double.say("/digest here", user_id=5, chat_id=GROUP, chat_type="group")
    (refused,) = await double.wait_for("sendMessage")
    assert "Only Niyam's administrators" in refused.params["text"]

    await double.say("/digest here", user_id=ADMIN, chat_id=GROUP, chat_type="group")
    on = (await double.wait_for("sendMessage", 2))[-1]
    assert "every Monday at 10:00" in on.params["text"] and "Monday 7 December, 10:00 IST" in on.params["text"]
    await asyncio.sleep(0.4)  # the JobQueue looks several times: nothing is due yet
    assert len(double.of("sendMessage", chat_id=GROUP)) == 2

    clock.now = dt.datetime(2026, 12, 7, 4, 31, tzinfo=dt.timezone.utc)  # Monday 10:01 IST
    question = (await double.wait_for("sendMessage", 3, chat_id=GROUP))[-1]
    assert "Question of the week" in question.params["text"]
    item = item_of(app, question.params["text"])
    await asyncio.sleep(0.3)
    assert len(double.of("sendMessage", chat_id=GROUP)) == 3  # posted once

    clock.now += dt.timedelta(days=1, minutes=1)
    answer = (await double.wait_for("sendMessage", 4, chat_id=GROUP))[-1]
    assert "Answer to this week" in answer.params["text"]
    assert html.escape(item.ref, quote=False) in answer.params["text"]
    assert item_of(app, answer.params["text"]).id == item.id
    target = training(app).store.digest("telegram", str(GROUP))
    assert target.next_question_at == dt.datetime(2026, 12, 14, 4, 30, tzinfo=dt.timezone.utc)

    await double.say("/digest off", user_id=ADMIN, chat_id=GROUP, chat_type="group")
    off = (await double.wait_for("sendMessage", 5, chat_id=GROUP))[-1]
    assert "off" in off.params["text"]
    assert training(app).store.digests("telegram") == []


async def test_report_is_a_png_for_admins_only_and_counts_keep_no_question_text(double, app, tmp_path):
    await double.say(QUESTION)
    (answer,) = await double.wait_for("sendMessage")
    wrong = next(b["callback_data"] for b in buttons(answer) if b["callback_data"].startswith("fb:w:"))
    await double.tap(next(m for m in double.sent.values() if m["text"] == answer.params["text"]), wrong)
    await double.wait_for("answerCallbackQuery")
    await double.say("/report")
    refused = (await double.wait_for("sendMessage", 2))[-1]
    assert "Only Niyam's administrators" in refused.params["text"]
    await double.say("/report last-week", user_id=ADMIN)
    usage = (await double.wait_for("sendMessage", 3))[-1]
    assert "/report 2026-11-01" in usage.params["text"]
    await double.say("/report", user_id=ADMIN)
    (photo,) = await double.wait_for("sendPhoto")
    assert photo.params["photo"].startswith(b"\x89PNG")
    assert "counts only" in photo.params["caption"]

    rows = training(app).store.counts()
    assert {(r.kind, r.key, r.n) for r in rows} >= {("questions", "telegram", 1), ("verdict", "not_allowed", 1),
                                                   ("rulebook", "AIS", 1), ("cited", "AIS 7", 1),
                                                   ("feedback", "wrong_rule", 1), ("wrong_rule", "AIS 7", 1),
                                                   ("concern", "criticism_of_policy", 1)}
    raw = (tmp_path / "stats.db").read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("stats.db-*"))
    assert QUESTION.encode() not in raw and b"transfer policy" not in raw
    with sqlite3.connect(tmp_path / "stats.db") as db:
        for (table,) in db.execute("select name from sqlite_master where type='table'"):
            assert "transfer" not in json.dumps(db.execute(f"select * from {table}").fetchall())
