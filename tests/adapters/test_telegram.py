"""The Telegram adapter, driven as Telegram would drive it: the real python-telegram-bot Application talks
HTTP on loopback to a local Bot API double (tests/adapters/telegram_double.py) that feeds it updates
and records everything it sends."""

from __future__ import annotations

import asyncio
import logging
import stat
import time
from pathlib import Path

import aiohttp
import pytest

from adapters.telegram import build_application
from adapters.telegram.app import COMMANDS, NiyamBot
from adapters.telegram.common import html_of, plain
from chat import texts
from chat.feedback import FeedbackLog
from chat.settings import Profile, UserSettings
from knowledge.errors import BadDocument
from state.db import database
from tests.adapters.conftest import FakeService
from tests.adapters.telegram_double import (  # noqa: F401 (fixture)
    BOT_ID,
    BOT_USERNAME,
    TOKEN,
    BotApiDouble,
    double,
    html_problems,
    parsed_length,
    running_bot,
)
from tests.conftest import stored_bytes

EXPIRED = plain(texts.PREVIEW_EXPIRED, resend=texts.TELEGRAM_RESEND)
QUESTION = "Can I criticise the state government's new transfer policy on Facebook?"
ADMIN = 7




@pytest.fixture
def make_app(double, tmp_path):
    apps = []

    def make(service, **kwargs):
        kwargs.setdefault("admins", {f"telegram:{ADMIN}"})
        app = build_application(service, token=TOKEN, base_url=double.root, data_dir=tmp_path, **kwargs)
        apps.append(app)
        return app
    yield make
    for app in apps:  # as run_polling's post_shutdown would: delete downloads still awaiting confirmation
        app.bot_data["niyam"].core.close()


@pytest.fixture
async def bot(make_app, fake_service):
    async with running_bot(make_app(fake_service)) as app:
        yield app


async def settle(double, chat_id=42):
    """Sends a /help behind everything queued and waits for its reply, so earlier updates were handled."""
    before = len(double.of("sendMessage"))
    await double.say("/help", user_id=chat_id)
    await double.wait_for("sendMessage", before + 1)
    await asyncio.sleep(0.05)
    return double.of("sendMessage")[before:-1]


def keyboard(call) -> list[list[dict]]:
    return (call.params.get("reply_markup") or {}).get("inline_keyboard", [])


# ------------------------------------------------------------------ startup and a question


async def test_startup_registers_commands_and_polls(double, bot):
    (call,) = await double.wait_for("setMyCommands")
    names = [c["command"] for c in call.params["commands"]]
    assert set(names) == {"start", "help", "ask", "service", "language", "rule", "sources", "quiz"}
    assert names == [c.command for c in COMMANDS]
    await double.wait_for("getUpdates")
    assert double.of("getMe") and double.of("deleteWebhook")
    assert isinstance(bot.bot, NiyamBot)


async def test_private_question_gets_a_short_answer_and_the_details_on_a_tap(double, bot, fake_service):
    await double.say(QUESTION)
    (sent,) = await double.wait_for("sendMessage")
    text = sent.params["text"]
    assert sent.params["parse_mode"] == "HTML"
    assert text.startswith("⛔ <b>Not allowed</b>")  # the verdict first, with its marker
    assert "You may not post criticism of a current policy (AIS 7(i))." in text  # why, naming the rule
    assert "Raise it through official channels" in text  # one thing to do
    assert texts.GUIDANCE in text
    assert "being verified" not in text and "<blockquote>" not in text  # caveats and excerpts wait for a tap
    assert parsed_length(text, "HTML") <= texts.BRIEF_LIMIT
    assert fake_service.asked == [(QUESTION, "AIS")]
    # a typing action went out before the answer
    typing = double.of("sendChatAction", action="typing")
    assert typing and typing[0].at <= sent.at
    # "Why? / Rules", then the feedback buttons; each carries only a short token
    details_row, feedback_row = keyboard(sent)
    assert [b["text"] for b in details_row] == [texts.DETAILS_BUTTON]  # no draft checked again: no "without it"
    assert [b["text"] for b in feedback_row] == ["👍 Helpful", "👎 Not helpful", "⚠️ Wrong rule"]
    for b in feedback_row:
        assert len(b["callback_data"]) <= 16 and b["callback_data"].split(":")[0] == "fb"
        assert "AIS" not in b["callback_data"]
    assert len(details_row[0]["callback_data"].encode()) <= 64 and "criticise" not in details_row[0]["callback_data"]
    assert "reply_parameters" not in sent.params  # private chat: no quoting

    await double.tap(double.sent[max(double.sent)], details_row[0]["callback_data"])
    details = (await double.wait_for("sendMessage", 2))[-1].params["text"]
    assert "<b>AIS 7(i)</b> Criticism of Government" in details
    assert "<blockquote>adverse criticism of any current or recent policy &lt;b&gt;</blockquote>" in details
    assert '<a href="https://example.invalid/rules">source</a>' in details
    for part in ("Criticising a current policy in public is barred", "Raise it through official channels",
                 "being verified", texts.GUIDANCE):
        assert part in details
    assert html_problems(details) == []


async def test_user_text_is_escaped(double, bot, fake_service):
    fake_service.ask = lambda q, s="AIS", **kw: FakeService.ask(fake_service, q, s).model_copy(
        update={"summary": "You wrote <script>&nbsp; & <b>bold</b>"})
    await double.say("draft with <b>tags</b> & ampersands")
    (sent,) = await double.wait_for("sendMessage")
    assert "You wrote &lt;script&gt;&amp;nbsp; &amp; &lt;b&gt;bold&lt;/b&gt;" in sent.params["text"]
    assert html_problems(sent.params["text"]) == []


# ------------------------------------------------------------------ rulebook choice


async def test_service_ccs_switches_the_rulebook(double, bot, fake_service, tmp_path):
    await double.say("/service CCS")
    (reply,) = await double.wait_for("sendMessage")
    assert "<b>CCS</b>" in reply.params["text"] and "Central Civil Services" in reply.params["text"]
    await double.say(QUESTION)
    sent = (await double.wait_for("sendMessage", 2))[-1]
    assert fake_service.asked == [(QUESTION, "CCS")]
    assert "(CCS 9(i))" in sent.params["text"]  # the why names the rule of the chosen rulebook
    # remembered per user, in the shared database; another officer still gets the default
    assert UserSettings(database(tmp_path)).profile("telegram:42").rulebook == "CCS"
    await double.say(QUESTION, user_id=43)
    await double.wait_for("sendMessage", 3)
    assert fake_service.asked[-1] == (QUESTION, "AIS")


async def test_service_keyboard_choice(double, bot, fake_service):
    await double.say("/service")
    (reply,) = await double.wait_for("sendMessage")
    assert "Your rulebook: <b>AIS</b>" in reply.params["text"]
    buttons = [b for row in keyboard(reply) for b in row]
    assert [b["callback_data"] for b in buttons] == ["svc:AIS", "svc:CCS"]
    assert buttons[0]["text"].startswith("✓ ")
    await double.tap(double.sent[max(double.sent)], "svc:CCS")
    await double.wait_for("answerCallbackQuery")
    (edit,) = await double.wait_for("editMessageText")
    assert "now <b>CCS</b>" in edit.params["text"]
    await double.say(QUESTION)
    await double.wait_for("sendMessage", 2)
    assert fake_service.asked == [(QUESTION, "CCS")]


async def test_unknown_service_is_refused_with_the_keyboard(double, bot, tmp_path):
    await double.say("/service IFS")
    (reply,) = await double.wait_for("sendMessage")
    assert "AIS" in reply.params["text"] and "CCS" in reply.params["text"] and keyboard(reply)
    assert UserSettings(database(tmp_path)).profile("telegram:42") == Profile()


async def test_start_rule_and_sources(double, bot):
    await double.say("/start")
    (start,) = await double.wait_for("sendMessage")
    assert "Niyam" in start.params["text"] and "/service" in start.params["text"] and keyboard(start)
    await double.say("/rule AIS 7")
    rule = (await double.wait_for("sendMessage", 2))[-1].params["text"]
    assert "<b>AIS 7</b> Criticism of Government" in rule and "No adverse criticism." in rule
    assert "official text of this rule is not indexed yet" in rule
    await double.say("/rule AIS 99")
    missing = (await double.wait_for("sendMessage", 3))[-1].params["text"]
    assert "no rule <b>AIS 99</b>" in missing
    await double.say("/rule ais 7")
    lower = (await double.wait_for("sendMessage", 4))[-1].params["text"]
    assert "<b>AIS 7</b>" in lower
    await double.say("/rule")
    usage = (await double.wait_for("sendMessage", 5))[-1].params["text"]
    assert "/rule AIS 7" in usage
    await double.say("/sources")
    sources = (await double.wait_for("sendMessage", 6))[-1].params["text"]
    assert "All India Services (Conduct) Rules, 1968" in sources and "1969-01-04" in sources and "in force" in sources
    for call in double.of("sendMessage"):
        assert html_problems(call.params["text"]) == []


# ------------------------------------------------------------------ long answers


async def test_long_answer_is_short_first_and_its_details_are_split_into_valid_messages(double, bot, fake_service):
    fake_service.long_answer = True
    await double.say(QUESTION)
    (first,) = await double.wait_for("sendMessage")
    assert parsed_length(first.params["text"], "HTML") <= texts.BRIEF_LIMIT
    await double.tap(double.sent[max(double.sent)], keyboard(first)[0][0]["callback_data"])
    for _ in range(500):
        sends = double.of("sendMessage")[1:]
        if sends and "Keep in mind" in sends[-1].params["text"]:
            break
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    sends = double.of("sendMessage")[1:]
    assert len(sends) >= 2
    for call in sends:
        text = call.params["text"]
        assert call.params["parse_mode"] == "HTML"  # no fallback to plain text was needed
        assert len(text) <= 4096
        assert html_problems(text) == [], text[:200]
    assert sends[0].params["text"].startswith("⛔ <b>Not allowed</b>")
    whole = "\n".join(c.params["text"] for c in sends)
    assert all(f"Reason {i}:" in whole for i in range(40)) and "Keep in mind" in whole
    # split at section boundaries: each message after the first starts a section or a reason line
    for call in sends[1:]:
        assert call.params["text"].startswith(("<b>", "• ", "<i>"))


# ------------------------------------------------------------------ feedback


async def test_feedback_tap_is_stored_without_the_question(double, bot, tmp_path):
    await double.say(QUESTION)
    (sent,) = await double.wait_for("sendMessage")
    wrong_rule = keyboard(sent)[1][2]["callback_data"]
    message = double.sent[max(double.sent)]
    await double.tap(message, wrong_rule)
    (answered,) = await double.wait_for("answerCallbackQuery")
    assert answered.params["text"] == plain(texts.FEEDBACK_RECORDED)
    assert "reply_markup" in double.sent[message["message_id"]]  # the buttons stay: others in a group may rate too
    rows = FeedbackLog(database(tmp_path)).rows()
    assert len(rows) == 1
    row = rows[0]
    assert row["platform"] == "telegram" and row["feedback"] == "wrong_rule"
    assert row["verdict"] == "not_allowed" and row["refs"] == ["AIS 7(i)"]
    assert b"criticise" not in stored_bytes(tmp_path)
    # a second tap by the same person on the same answer, or a forged token, is not stored
    await double.tap(message, keyboard(sent)[1][0]["callback_data"])
    await double.tap(message, "fb:h:forged")
    await double.tap(message, "something-else")
    calls = await double.wait_for("answerCallbackQuery", 4)
    said = [c.params.get("text") for c in calls[1:4]]  # updates run concurrently: in any order
    assert said.count(plain(texts.FEEDBACK_ALREADY)) == 1 and plain(texts.FEEDBACK_STALE) in said
    assert len(FeedbackLog(database(tmp_path)).rows()) == 1
    # someone else in the chat may still rate the same answer, once
    await double.tap(message, wrong_rule, user_id=99)
    calls = await double.wait_for("answerCallbackQuery", 5)
    assert calls[4].params["text"] == plain(texts.FEEDBACK_RECORDED)
    assert len(FeedbackLog(database(tmp_path)).rows()) == 2


# ------------------------------------------------------------------ rate limit


async def test_rate_limit_bites_politely_once(double, make_app, fake_service):
    async with running_bot(make_app(fake_service, rate_limit=2)):
        for i in range(5):
            await double.say(f"question {i}")
        await double.wait_for("sendMessage", 3)
        await settle(double, chat_id=99)  # another officer is unaffected
    replies = double.texts(chat_id=42)
    assert len(fake_service.asked) == 2
    assert len(replies) == 3
    assert sum(html_of(texts.RATE_LIMITED, limit=2) == t for t in replies) == 1


# ------------------------------------------------------------------ admin documents


class RecordingAdminService(FakeService):
    """Admin calls succeed (or raise `error` at preview, `add_error` at indexing); records what it was given."""

    def __init__(self, error: Exception | None = None, add_error: Exception | None = None):
        super().__init__(admin_enabled=True)
        self.previewed: list[tuple[str, list | None, bytes, Path]] = []
        self.contents: list[bytes] = []
        self.applies: list = []
        self.paths: list[Path] = []
        self.error = error
        self.add_error = add_error

    def preview_document(self, path, *, filename, applies_to=None):
        self.previewed.append((filename, applies_to, path.read_bytes(), path))
        if self.error:
            raise self.error
        return super().preview_document(path, filename=filename, applies_to=applies_to) + \
            "\ntitle: Rules on <draft> posts & notes"

    def add_document(self, path, *, actor, filename, applies_to=None):
        self.contents.append(path.read_bytes())
        self.applies.append(applies_to)
        self.paths.append(path)
        if self.add_error:
            raise self.add_error
        return super().add_document(path, actor=actor, filename=filename, applies_to=applies_to)


def document_message(double, *, user_id, name="circular.pdf", mime="application/pdf", caption="/index",
                     content=b"%PDF-1.4 circular", **kw):
    file_id = double.add_file(f"file-{name}", name, content)
    doc = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name, "mime_type": mime,
           "file_size": len(content)}
    return double.message(None, user_id=user_id, document=doc, caption=caption, **kw)


async def preview_of(double, service, count=1, **kw):
    """Sends an admin document and waits for the preview; returns (the preview call, the sent message, the
    "Index it" data, the "Cancel" data, the downloaded path)."""
    kw.setdefault("user_id", ADMIN)
    await double.push({"message": document_message(double, **kw)})
    preview = (await double.wait_for("sendMessage", count))[-1]
    (row,) = keyboard(preview)
    return preview, double.sent[max(double.sent)], row[0]["callback_data"], row[1]["callback_data"], \
        service.previewed[-1][3]


async def test_admin_document_is_previewed_then_indexed_on_confirm(double, make_app, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    service = RecordingAdminService()
    app = make_app(service)
    async with running_bot(app):
        preview, message, confirm, cancel, path = await preview_of(double, service, caption="/index CCS")
        # shown back, nothing indexed yet; the download sits in a private directory
        text = preview.params["text"]
        assert "<pre>new-circular: circular.pdf\nsections: new-circular para 1\n" in text
        assert "Rules on &lt;draft&gt; posts &amp; notes</pre>" in text and html_problems(text) == []
        assert [b["text"] for b in keyboard(preview)[0]] == [texts.INDEX_BUTTON, texts.CANCEL_BUTTON]
        assert confirm.startswith("ix:y:") and cancel.startswith("ix:n:") and len(confirm) <= 16
        assert confirm[5:] == cancel[5:] and "circular" not in confirm
        assert service.added == [] and service.contents == []
        assert service.previewed[0][:3] == ("circular.pdf", ["CCS"], b"%PDF-1.4 circular")
        assert path.read_bytes() == b"%PDF-1.4 circular"
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        # issue 17 (17): staged inside the data dir's one private uploads directory, not in /tmp
        assert path.parent.parent == tmp_path / "uploads" and stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
        assert double.of("getFile") and double.of("sendChatAction", action="upload_document")
        assert len(app.bot_data["niyam"].core.uploads) == 1
        # the admin confirms: indexed with the same arguments, the summary comes back
        await double.tap(message, confirm, user_id=ADMIN)
        done = (await double.wait_for("sendMessage", 2))[-1]
        (answered,) = await double.wait_for("answerCallbackQuery")
        await double.wait_for("editMessageReplyMarkup")
        assert answered.params["text"] == texts.INDEX_WORKING.format(name="circular.pdf")
        assert "reply_markup" not in double.sent[message["message_id"]]  # no second tap possible
        assert done.params["text"] == html_of(texts.INDEX_DONE, title="circular.pdf", id="new-circular", summary="Indexed circular.pdf: 1 section.")
        assert service.added == [(f"telegram:{ADMIN}", "circular.pdf")]
        assert service.contents == [b"%PDF-1.4 circular"] and service.applies == [["CCS"]]
        assert service.paths == [path] and not path.parent.exists()  # the download is deleted once indexed
        assert len(app.bot_data["niyam"].core.uploads) == 0
        # a repeated tap on the same preview is not indexed twice
        await double.tap(message, confirm, user_id=ADMIN)
        calls = await double.wait_for("answerCallbackQuery", 2)
        assert calls[1].params["text"] == EXPIRED and len(service.added) == 1
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "previewed a document" in logged and "indexed document new-circular" in logged
    assert "%PDF" not in logged and "Rules on" not in logged and TOKEN not in logged


async def test_an_admin_who_chose_hindi_gets_the_preview_buttons_and_confirmation_in_hindi(double, make_app):
    service = RecordingAdminService()
    async with running_bot(make_app(service)):
        await double.say("/language hi", user_id=ADMIN)
        await double.wait_for("sendMessage")
        preview, message, confirm, _, _ = await preview_of(double, service, count=2)
        assert "लागू होने से पहले जाँचें" in preview.params["text"]
        assert [b["text"] for b in keyboard(preview)[0]] == [texts.HI["INDEX_BUTTON"], texts.HI["CANCEL_BUTTON"]]
        await double.tap(message, confirm, user_id=ADMIN)
        done = (await double.wait_for("sendMessage", 3))[-1]
        (answered,) = await double.wait_for("answerCallbackQuery")
    assert answered.params["text"] == texts.HI["INDEX_WORKING"].format(name="circular.pdf")
    assert "जोड़ा गया" in done.params["text"] and service.added == [(f"telegram:{ADMIN}", "circular.pdf")]


async def test_admin_cancels_a_preview(double, make_app):
    service = RecordingAdminService()
    app = make_app(service)
    async with running_bot(app):
        _, message, _, cancel, path = await preview_of(double, service, name="notes.md", mime="text/markdown",
                                                       content=b"# Notes")
        await double.tap(message, cancel, user_id=ADMIN)
        reply = (await double.wait_for("sendMessage", 2))[-1]
        (answered,) = await double.wait_for("answerCallbackQuery")
        await double.wait_for("editMessageReplyMarkup")
    assert answered.params["text"] == texts.TELEGRAM_CANCELLED_TAP
    assert reply.params["text"] == html_of(texts.INDEX_CANCELLED, name="notes.md")
    assert service.added == [] and service.contents == []
    assert not path.exists() and not path.parent.exists()
    assert len(app.bot_data["niyam"].core.uploads) == 0 and "reply_markup" not in double.sent[message["message_id"]]


async def test_only_the_admin_who_sent_it_may_confirm(double, make_app):
    service = RecordingAdminService()
    other_admin = 9
    async with running_bot(make_app(service, admins={f"telegram:{ADMIN}", f"telegram:{other_admin}"})):
        preview, message, confirm, cancel, path = await preview_of(double, service, chat_id=-100500,
                                                                   chat_type="supergroup")
        assert preview.params["reply_parameters"]["message_id"]  # quoted in the group
        # updates are handled concurrently, so each tap's refusal is awaited before the next tap
        taps = [(confirm, 8), (cancel, 8), (confirm, other_admin), (cancel, other_admin)]  # a member, another admin
        for n, (data, user) in enumerate(taps, start=1):
            await double.tap(message, data, user_id=user)
            refusals = await double.wait_for("answerCallbackQuery", n)
        assert [c.params["text"] for c in refusals] == [plain(texts.NOT_ADMIN)] * 2 + [plain(texts.PREVIEW_NOT_YOURS)] * 2
        assert all(c.params.get("show_alert") in (True, "true") for c in refusals)
        assert service.added == [] and path.exists() and not double.of("editMessageReplyMarkup")
        assert "reply_markup" in double.sent[message["message_id"]]  # the buttons stay for the admin who sent it
        # the preview still stands for its own admin
        await double.tap(message, confirm, user_id=ADMIN)
        done = (await double.wait_for("sendMessage", 2))[-1]
    assert "Indexed circular.pdf" in done.params["text"] and done.params["chat_id"] == -100500
    assert service.added == [(f"telegram:{ADMIN}", "circular.pdf")] and not path.exists()


async def test_an_expired_or_unknown_preview_asks_to_send_again(double, make_app):
    service = RecordingAdminService()
    app = make_app(service)
    pending = app.bot_data["niyam"].core.uploads
    async with running_bot(app):
        _, message, confirm, _, path = await preview_of(double, service)
        pending._map.clock = lambda: time.monotonic() + texts.PREVIEW_TTL_MINUTES * 60 + 1  # fifteen minutes later
        await double.tap(message, confirm, user_id=ADMIN)
        (expired,) = await double.wait_for("answerCallbackQuery")
        await double.wait_for("editMessageReplyMarkup")
        await double.tap(message, "ix:y:forged00", user_id=ADMIN)  # a token never issued
        calls = await double.wait_for("answerCallbackQuery", 2)
    assert expired.params["text"] == EXPIRED and calls[1].params["text"] == EXPIRED
    assert "send it again" in EXPIRED
    assert service.added == [] and not path.parent.exists() and len(pending) == 0
    assert "reply_markup" not in double.sent[message["message_id"]]
    assert len(double.of("sendMessage")) == 1  # only the preview


async def test_non_admin_document_is_refused(double, make_app):
    service = RecordingAdminService()
    async with running_bot(make_app(service)):
        await double.push({"message": document_message(double, user_id=8)})
        (reply,) = await double.wait_for("sendMessage")
        await double.say("/index", user_id=8)
        await double.wait_for("sendMessage", 2)
    assert reply.params["text"] == html_of(texts.NOT_ADMIN)
    assert double.texts()[1] == html_of(texts.NOT_ADMIN)
    assert not double.of("getFile") and service.previewed == [] and service.added == []


async def test_admin_document_when_indexing_is_unavailable(double, bot, fake_service):
    await double.push({"message": document_message(double, user_id=ADMIN)})
    (reply,) = await double.wait_for("sendMessage")
    assert reply.params["text"] == html_of(texts.INDEX_UNAVAILABLE, reason="Indexing from chat is not available yet.")
    assert not keyboard(reply) and len(bot.bot_data["niyam"].core.uploads) == 0 and fake_service.added == []


async def test_admin_document_bad_file_is_refused_at_preview(double, make_app):
    service = RecordingAdminService(error=BadDocument("no text could be extracted\nfrom page 1"))
    app = make_app(service)
    async with running_bot(app):
        await double.push({"message": document_message(double, user_id=ADMIN, name="scan.pdf")})
        (bad,) = await double.wait_for("sendMessage")
        await double.push({"message": document_message(double, user_id=ADMIN, name="photo.jpg", mime="image/jpeg")})
        await double.push({"message": document_message(double, user_id=ADMIN, name="fake.pdf", mime="image/png")})
        await double.wait_for("sendMessage", 3)
        await double.say("/index", user_id=ADMIN)
        await double.wait_for("sendMessage", 4)
    sent = double.texts()
    assert bad.params["text"] == html_of(texts.INDEX_BAD_FILE, name="scan.pdf", reason="no text could be extracted") and not keyboard(bad)
    assert "photo.jpg is not one of them" in sent[1] + sent[2]
    assert "image/png" in sent[1] + sent[2]
    assert sent[3] == html_of(texts.TELEGRAM_INDEX_HOW)
    assert len(service.previewed) == 1  # the wrong types were never downloaded or previewed
    assert len(double.of("getFile")) == 1
    assert not service.previewed[0][3].parent.exists()  # nothing kept
    assert service.added == [] and len(app.bot_data["niyam"].core.uploads) == 0


async def test_indexing_that_fails_after_confirm_says_why(double, make_app):
    service = RecordingAdminService(add_error=BadDocument("id 'new-circular' belongs to a bundled pack document"))
    async with running_bot(make_app(service)):
        _, message, confirm, _, path = await preview_of(double, service)
        await double.tap(message, confirm, user_id=ADMIN)
        reply = (await double.wait_for("sendMessage", 2))[-1]
    assert reply.params["text"] == html_of(texts.INDEX_BAD_FILE, name="circular.pdf",
                                           reason="id 'new-circular' belongs to a bundled pack document")
    assert service.added == [] and not path.parent.exists()


async def test_indexing_that_crashes_after_confirm_apologises(double, make_app, caplog):
    service = RecordingAdminService(add_error=RuntimeError("index build failed on secret page text"))
    async with running_bot(make_app(service)):
        _, message, confirm, _, path = await preview_of(double, service)
        await double.tap(message, confirm, user_id=ADMIN)
        reply = (await double.wait_for("sendMessage", 2))[-1]
    assert reply.params["text"].startswith("Sorry, something went wrong while adding <b>circular.pdf</b> (reference") and not path.parent.exists()
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "RuntimeError" in logged and "secret page text" not in logged


async def test_document_without_index_caption(double, make_app):
    service = RecordingAdminService()
    async with running_bot(make_app(service)):
        await double.push({"message": document_message(double, user_id=ADMIN, caption="what about this?")})
        (reply,) = await double.wait_for("sendMessage")
    assert reply.params["text"] == html_of(texts.NO_ATTACHMENT) and service.added == [] and service.previewed == []


def test_help_explains_the_preview():
    assert "/index" in texts.TELEGRAM_HELP and "Index it" in texts.TELEGRAM_HELP
    assert "Index it" in texts.TELEGRAM_INDEX_HOW


# ------------------------------------------------------------------ groups


def group(double, text, **kw):
    kw.setdefault("chat_id", -100500)
    return double.message(text, chat_type="supergroup", **kw)


async def test_group_answers_only_when_addressed(double, bot, fake_service):
    await double.push({"message": group(double, "Can I post this on Facebook?")})  # not addressed: ignored
    await double.push({"message": group(double, "/ask@other_bot Can I?")})  # another bot's command
    await double.push({"message": group(double, "/frobnicate")})  # maybe another bot's command
    mention = f"@{BOT_USERNAME} can I share the transfer list?"
    m = group(double, mention, entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}])
    await double.push({"message": m})
    await double.wait_for("sendMessage", 1)
    await double.push({"message": group(double, "/ask Can I like a party's post?")})
    await double.wait_for("sendMessage", 2)
    reply_to_bot = group(double, "and on Instagram?", reply_to_message=double.sent[max(double.sent)])
    await double.push({"message": reply_to_bot})
    await double.wait_for("sendMessage", 3)
    asked = [q for q, _ in fake_service.asked]
    assert asked == ["can I share the transfer list?", "Can I like a party's post?", "and on Instagram?"]
    sends = double.of("sendMessage")
    assert sends[0].params["reply_parameters"]["message_id"] == m["message_id"]  # quoted in groups
    assert all(c.params["chat_id"] == -100500 for c in sends)


async def test_group_bare_mention_or_empty_ask_checks_the_replied_draft(double, bot, fake_service):
    draft = group(double, "Proud to serve under our great CM!", user_id=55)
    mention = group(double, f"@{BOT_USERNAME}", reply_to_message=draft,
                    entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}])
    await double.push({"message": mention})
    await double.wait_for("sendMessage", 1)
    await double.push({"message": group(double, "/ask", reply_to_message=draft)})
    await double.wait_for("sendMessage", 2)
    await double.push({"message": group(double, f"/ask@{BOT_USERNAME}")})
    await double.wait_for("sendMessage", 3)
    assert [q for q, _ in fake_service.asked] == ["Proud to serve under our great CM!"] * 2
    assert double.texts()[2] == html_of(texts.TELEGRAM_ASK_USAGE)


async def test_group_text_mention_of_the_bot_user(double, bot, fake_service):
    text = "Niyam, can I attend a union meeting?"
    m = group(double, text, entities=[{"type": "text_mention", "offset": 0, "length": 5,
                                        "user": {"id": BOT_ID, "is_bot": True, "first_name": "Niyam"}}])
    await double.push({"message": m})
    await double.wait_for("sendMessage")
    assert fake_service.asked == [(", can I attend a union meeting?", "AIS")]


# ------------------------------------------------------------------ bad input


async def test_non_text_messages_get_a_clear_reply(double, bot, fake_service):
    await double.push({"message": double.message(None, sticker={
        "file_id": "st", "file_unique_id": "st", "type": "regular", "width": 512, "height": 512,
        "is_animated": False, "is_video": False})})
    await double.wait_for("sendMessage", 1)
    await double.push({"message": double.message(None, photo=[
        {"file_id": "ph", "file_unique_id": "ph", "width": 90, "height": 90}])})
    await double.wait_for("sendMessage", 2)
    await double.push({"message": double.message(None, voice={"file_id": "vo", "file_unique_id": "vo", "duration": 3})})
    await double.wait_for("sendMessage", 3)
    await double.push({"message": double.message(None, location={"latitude": 28.6, "longitude": 77.2})})
    await double.wait_for("sendMessage", 4)
    assert double.texts() == [html_of(texts.TELEGRAM_NO_STICKER), html_of(texts.TELEGRAM_NO_IMAGE), html_of(texts.TELEGRAM_NO_VOICE), html_of(texts.ONLY_TEXT, help="/help")]
    # a photo with a caption: the caption is the question
    await double.push({"message": double.message(None, caption="Can I post this photo of the flood relief?", photo=[
        {"file_id": "ph", "file_unique_id": "ph", "width": 90, "height": 90}])})
    await double.wait_for("sendMessage", 5)
    assert fake_service.asked == [("Can I post this photo of the flood relief?", "AIS")]


async def test_empty_ask_long_draft_and_unknown_command(double, bot, fake_service):
    await double.say("/ask")
    await double.wait_for("sendMessage", 1)
    await double.say("/ask    ")
    await double.wait_for("sendMessage", 2)
    await double.say("x" * 10_000)
    await double.wait_for("sendMessage", 3)
    await double.say("/frobnicate now")
    await double.wait_for("sendMessage", 4)
    await double.say("/ask " + "y" * 4000)  # at the limit: answered
    await double.wait_for("sendMessage", 5)
    sent = double.texts()
    assert sent[:2] == [html_of(texts.TELEGRAM_ASK_USAGE)] * 2
    assert sent[2] == html_of(texts.TOO_LONG, n=10_000, limit=4000)
    assert sent[3] == html_of(texts.TELEGRAM_UNKNOWN_COMMAND, command="/frobnicate")
    assert fake_service.asked == [("y" * 4000, "AIS")]


async def test_multiline_ask_keeps_line_breaks(double, bot, fake_service):
    await double.say("/ask line one\nline two")
    await double.wait_for("sendMessage")
    assert fake_service.asked == [("line one\nline two", "AIS")]


async def test_edits_channel_posts_and_malformed_updates_are_ignored(double, bot, fake_service, caplog):
    caplog.set_level(logging.DEBUG)
    await double.push({"edited_message": double.message("Can I say the CM is corrupt?", edit_date=1)})
    await double.push({"channel_post": double.message("Can I say the CM is corrupt?", chat_id=-1001, chat_type="channel")})
    await double.push({"edited_channel_post": double.message("Can I say it?", chat_id=-1001, chat_type="channel")})
    await double.push({"message": {"message_id": 1, "text": "secret draft about the CM"}})  # no chat, no date
    await double.push({"message": "secret draft, not an object"})
    await double.push({"poll": {"id": "p"}})  # malformed poll
    await double.push({"some_future_update": {"x": 1}})  # an update type PTB does not know
    await double.push({"callback_query": {"id": "x", "from": {"id": 42, "is_bot": False, "first_name": "A"},
                                          "chat_instance": "c"}})  # no data, no message
    earlier = await settle(double)
    assert earlier == [] and fake_service.asked == []
    await double.say(QUESTION)  # and the bot still works
    await double.wait_for("sendMessage", 2)
    assert fake_service.asked == [(QUESTION, "AIS")]
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "could not be read" in logged
    assert "secret draft" not in logged and "corrupt" not in logged and "criticise" not in logged


# ------------------------------------------------------------------ errors and privacy


async def test_errors_are_logged_without_the_question_and_apologised_for(double, bot, fake_service, caplog):
    caplog.set_level(logging.DEBUG)
    await double.say("please boom on my confidential draft")
    (apology,) = await double.wait_for("sendMessage")
    assert apology.params["text"].startswith("Sorry, something went wrong on my side (reference")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and "RuntimeError" in errors[0].getMessage()
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "confidential" not in logged and "advisor failed" not in logged
    await double.say(QUESTION)  # the bot carries on
    await double.wait_for("sendMessage", 2)


async def test_a_normal_exchange_logs_no_question_text_even_at_debug(double, make_app, fake_service, caplog):
    caplog.set_level(logging.DEBUG)
    async with running_bot(make_app(fake_service)):
        await double.say("Can I tweet about the Zanskar secret posting order?")
        await double.wait_for("sendMessage")
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "Zanskar" not in logged
    assert TOKEN not in logged
    assert any("answered: not_allowed" in r.getMessage() for r in caplog.records)


async def test_html_rejected_by_telegram_falls_back_to_plain_text(double, bot):
    original = double.api_sendMessage
    state = {"first": True}

    async def once_rejecting(p):
        if state.pop("first", False):
            from tests.adapters.telegram_double import TelegramError
            raise TelegramError(400, "Bad Request: can't parse entities: unsupported start tag")
        return await original(p)

    double.api_sendMessage = once_rejecting
    await double.say("/help")
    calls = await double.wait_for("sendMessage", 2)
    assert "parse_mode" not in calls[1].params and "<b>" not in calls[1].params["text"]
    assert "How to ask" in calls[1].params["text"]


# ------------------------------------------------------------------ webhook


async def test_webhook_rejects_a_wrong_secret(double, make_app, fake_service, unused_tcp_port, caplog):
    caplog.set_level(logging.DEBUG)
    app = make_app(fake_service)
    url = f"http://127.0.0.1:{unused_tcp_port}/telegram-hook"
    await app.initialize()
    await app.updater.start_webhook(listen="127.0.0.1", port=unused_tcp_port, url_path="telegram-hook",
                                    webhook_url=url, secret_token="right-secret_1",
                                    allowed_updates=["message", "callback_query"])
    await app.start()
    try:
        assert double.webhook["url"] == url and double.webhook["secret_token"] == "right-secret_1"
        update = {"update_id": 1, "message": double.message(QUESTION)}
        async with aiohttp.ClientSession() as http:
            for headers in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
                async with http.post(url, json=update, headers=headers) as resp:
                    assert resp.status == 403
            await asyncio.sleep(0.2)
            assert fake_service.asked == [] and not double.of("sendMessage")
            async with http.post(url, json={"update_id": 2, "message": "malformed confidential draft"},
                                 headers={"X-Telegram-Bot-Api-Secret-Token": "right-secret_1"}) as resp:
                assert resp.status == 400
            async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "right-secret_1"}) as resp:
                assert resp.status == 200
            (sent,) = await double.wait_for("sendMessage")
        assert "Not allowed" in sent.params["text"] and fake_service.asked == [(QUESTION, "AIS")]
        logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
        assert "confidential" not in logged and "criticise" not in logged
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


# ------------------------------------------------------------------ details on demand, "Check without it"

DRAFT = ("Proud of our flood relief volunteers this week. But the State Government's new relief policy is a blunder. "
         "Thank you all for your support.")


def _draft_answer(fake_service, rest_verdict="allowed"):
    from bot.answer import Answer  # noqa: PLC0415

    def ask(q, s="AIS", **kw) -> Answer:
        a = FakeService.ask(fake_service, q, s)
        return a.model_copy(update={
            "flagged": ["But the State Government's new relief policy is a blunder."],
            "without_flagged": {"verdict": rest_verdict,
                                "text": "Proud of our flood relief volunteers this week. Thank you all for your support."}})
    fake_service.ask = ask


async def test_a_draft_names_its_sentence_and_check_without_it_gives_the_rest_to_copy(double, bot, fake_service):
    _draft_answer(fake_service)
    await double.say(DRAFT)
    (sent,) = await double.wait_for("sendMessage")
    text = sent.params["text"]
    assert "<i>The sentence that decides:</i> “But the State Government's new relief policy is a blunder.”" in text
    assert parsed_length(text, "HTML") <= texts.BRIEF_LIMIT
    row = keyboard(sent)[0]
    assert [b["text"] for b in row] == [texts.DETAILS_BUTTON, texts.WITHOUT_BUTTON]
    for b in row:  # the buttons carry a token, never the draft
        assert len(b["callback_data"].encode()) <= 64 and "blunder" not in b["callback_data"]
    await double.tap(double.sent[max(double.sent)], row[1]["callback_data"])
    rest = (await double.wait_for("sendMessage", 2))[-1].params["text"]
    assert rest.startswith("Checked again without the quoted sentence: ✅ <b>Allowed</b>.")
    assert "<pre>Proud of our flood relief volunteers this week. Thank you all for your support.</pre>" in rest
    assert "blunder" not in rest and texts.GUIDANCE in rest


async def test_check_without_it_when_the_rest_is_still_restricted_gives_nothing_to_copy(double, bot, fake_service):
    _draft_answer(fake_service, rest_verdict="not_allowed")
    await double.say(DRAFT)
    (sent,) = await double.wait_for("sendMessage")
    await double.tap(double.sent[max(double.sent)], keyboard(sent)[0][1]["callback_data"])
    rest = (await double.wait_for("sendMessage", 2))[-1].params["text"]
    assert "⛔ <b>Not allowed</b>" in rest and texts.WITHOUT_STILL in rest and "<pre>" not in rest


async def test_details_after_they_expired_say_so_clearly(double, bot, fake_service):
    from chat.details import AnswerDetails  # noqa: PLC0415

    now = [0.0]
    core = bot.bot_data["niyam"].core
    core.details = AnswerDetails(ttl=600.0, clock=lambda: now[0])
    await double.say(QUESTION)
    (sent,) = await double.wait_for("sendMessage")
    now[0] = 601.0
    await double.tap(double.sent[max(double.sent)], keyboard(sent)[0][0]["callback_data"])
    (alert,) = await double.wait_for("answerCallbackQuery")
    assert alert.params["text"] == plain(texts.DETAILS_EXPIRED, minutes=10) and alert.params["show_alert"] in (True, "true")
    await double.tap(double.sent[max(double.sent)], "why:forged-token")
    calls = await double.wait_for("answerCallbackQuery", 2)
    assert calls[1].params["text"] == plain(texts.DETAILS_EXPIRED, minutes=10)
    assert len(double.of("sendMessage")) == 1  # nothing else was sent
