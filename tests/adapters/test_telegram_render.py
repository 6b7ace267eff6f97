"""Telegram HTML rendering and splitting, on their own (no bot, no HTTP)."""

from __future__ import annotations

import html
import random
import re

import pytest

from adapters.telegram import admin as documents
from adapters.telegram import render
from adapters.telegram.app import NiyamBot, RedactTelegramLogs, RedactToken
from bot.answer import Answer, Citation, RuleView, SourceInfo
from chat.uploads import safe_name
from knowledge.model import Verdict
from tests.adapters.telegram_double import html_problems


def plain(text: str) -> str:
    """The text a reader sees, without whitespace (splitting may drop blanks at message boundaries)."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]*>", "", text)))


def random_block(rng: random.Random) -> str:
    words = ["rule", "&amp;", "&lt;b&gt;", "नियम", "🇮🇳", "x" * rng.randint(1, 300), "criticism", "&quot;"]
    def run(depth: int) -> str:
        out = []
        for _ in range(rng.randint(1, 12)):
            if depth < 3 and rng.random() < 0.25:
                tag = rng.choice(["b", "i", "blockquote", "code", 'a href="https://example.invalid/?a=1&amp;b=2"'])
                name = tag.split()[0]
                out.append(f"<{tag}>{run(depth + 1)}</{name}>")
            else:
                out.append(rng.choice(words))
        return " ".join(out)
    return run(0)


@pytest.mark.parametrize("seed", range(80))
def test_pack_random_sections_stays_valid_and_loses_nothing(seed):
    rng = random.Random(seed)
    limit = rng.choice([24, 40, 60, 120, 300, 1000, 4096])
    sections = [[random_block(rng) for _ in range(rng.randint(1, 6))] for _ in range(rng.randint(1, 8))]
    assert all(html_problems(b) == [] for s in sections for b in s)
    messages = render.pack(sections, limit)
    for m in messages:
        assert render.tg_len(m) <= limit
        assert html_problems(m) == [], m
        assert m.strip()
    assert plain("".join(messages)) == plain("".join("".join(s) for s in sections))


def test_sections_that_fit_are_never_split():
    sections = [["<b>A</b>", "a" * 50], ["<b>B</b>", "b" * 50], ["<b>C</b>", "c" * 50]]
    messages = render.pack(sections, 130)
    assert messages == ["<b>A</b>\n" + "a" * 50 + "\n\n<b>B</b>\n" + "b" * 50, "<b>C</b>\n" + "c" * 50]


def test_split_html_reopens_tags_and_keeps_entities_whole():
    block = '<b>bold <i>' + "word &amp; " * 100 + '</i> tail</b>'
    chunks = render.split_html(block, 100)
    assert len(chunks) > 5
    for c in chunks:
        assert c.startswith("<b>") and c.endswith("</b>") and len(c) <= 100
        assert html_problems(c) == []


def test_tg_len_counts_utf16_units():
    assert render.tg_len("🇮🇳") == 4 and render.tg_len("नियम") == 4
    chunks = render.split_html("🙂" * 100, 11)
    assert all(render.tg_len(c) <= 11 for c in chunks) and "".join(chunks) == "🙂" * 100


def answer(**kw) -> Answer:
    base = dict(verdict=Verdict.needs_sanction, summary="Ask first.", service="CCS", citations=[
        Citation(ref="CCS 8", rulebook="CCS", rule="8", title="Connection with press", document="ccs",
                 excerpt="Shall not, except with the previous sanction…", source="official", status="draft",
                 url="javascript:alert(1)")],
        reasons=["A reason with <html>"], suggestions=[], caveats=[])
    base.update(kw)
    return Answer(**base)


def test_answer_rendering_marks_status_source_and_drops_unsafe_links():
    (msg,) = render.answer_messages(answer())
    assert msg.startswith("📝 <b>Needs prior sanction</b>\nAsk first.")
    assert "Central Civil Services (Conduct) Rules, 1964" in msg
    assert "⚠️ draft, not in force; official text" in msg
    assert "javascript" not in msg and "<a " not in msg
    assert "A reason with &lt;html&gt;" in msg
    assert "What you can do" not in msg  # empty sections are left out
    assert html_problems(msg) == []


def test_long_excerpts_are_shortened():
    c = answer().citations[0].model_copy(update={"excerpt": "word " * 1000})
    (msg,) = render.answer_messages(answer(citations=[c]))
    assert "word …</blockquote>" in msg and len(msg) < 1500


def test_every_verdict_renders():
    for v in Verdict:
        (msg,) = render.answer_messages(answer(verdict=v))
        assert html_problems(msg) == []


def test_rule_and_sources_rendering():
    view = RuleView(ref="AIS 7", title="Criticism <of> Government", document="ais", document_title="AIS Rules",
                    text="AIS 7 — Criticism\nNo adverse criticism.", status="in_force", source="digest",
                    url="https://example.invalid/ais", official_text="7. No member of the Service shall…\n\n(i) …")
    msgs = render.pack(render.rule_sections(view))
    text = "\n".join(msgs)
    assert "<b>AIS 7</b> Criticism &lt;of&gt; Government" in text and "<b>Official text</b>" in text
    assert "<blockquote>7. No member of the Service shall…</blockquote>" in text
    srcs = [SourceInfo(id=f"doc-{i}", title=f"Circular {i} & more", kind="circular", status="superseded",
                       date=None, url="", source="official", refs=[]) for i in range(200)]
    msgs = render.pack(render.sources_sections(srcs))
    assert len(msgs) > 1 and all(len(m) <= 4096 and html_problems(m) == [] for m in msgs)
    assert "date unknown" in msgs[0] and "superseded" in msgs[0]
    assert render.pack(render.sources_sections([])) == ["No documents are indexed yet."]


@pytest.mark.parametrize("name,mime,size,ok", [
    ("c.pdf", "application/pdf", 10, True),
    ("c.PDF", None, 10, True),
    ("c.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 10, True),
    ("c.html", "text/html", 10, True),
    ("c.md", "text/markdown", 10, True),
    ("c.md", "application/octet-stream", 10, True),
    ("c.txt", "text/plain; charset=utf-8", 10, True),
    ("c.exe", "application/pdf", 10, False),
    ("c.pdf", "image/png", 10, False),
    (None, None, 10, False),
    ("c.pdf", "application/pdf", 21 * 1024 * 1024, False),
])
def test_document_types(name, mime, size, ok):
    assert (documents.check(name, mime, size) is None) == ok


def test_safe_names():
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("circular (2024).pdf") == "circular (2024).pdf" and safe_name("a;b|c.pdf") == "a_b_c.pdf"
    assert safe_name(None) == "document" and safe_name("..") == "document"


def test_unreadable_updates_are_replaced_by_empty_ones():
    bot = NiyamBot(token="1:x")
    ok = {"update_id": 3, "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "hi"}}
    screened = bot._screen([{"update_id": 1, "message": "junk"}, {"no_id": True}, "junk", {"update_id": True}, ok])
    assert screened == [{"update_id": 1}, ok]


def test_log_filters_redact_payloads_and_tokens():
    import logging
    rec = logging.LogRecord("telegram.Bot", logging.DEBUG, __file__, 1, "got %s %s %s %d", (
        {"text": "my draft"}, "sendMessage", "my secret draft text", 5), None)
    RedactTelegramLogs().filter(rec)
    assert rec.getMessage() == "got <redacted> sendMessage <redacted> 5"
    rec = logging.LogRecord("httpx", logging.INFO, __file__, 1, "HTTP Request: %s %s", (
        "POST", "http://127.0.0.1:8081/bot123:AAH-x_y/getUpdates"), None)
    RedactToken().filter(rec)
    assert rec.getMessage() == "HTTP Request: POST http://127.0.0.1:8081/bot<token>/getUpdates"


def test_log_filters_handle_a_single_mapping_argument():
    import logging
    rec = logging.LogRecord("telegram.ext.Updater", logging.CRITICAL, __file__, 1, "Received data was: %r",
                            ({"message": "my secret draft"},), None)
    assert isinstance(rec.args, dict)  # logging unwraps a lone mapping
    RedactTelegramLogs().filter(rec)
    RedactToken().filter(rec)
    assert rec.getMessage() == "Received data was: '<redacted>'"
    rec = logging.LogRecord("httpx", logging.INFO, __file__, 1, "%(url)s", ({"url": "http://h/bot1:ab/getMe"},), None)
    RedactToken().filter(rec)
    assert rec.getMessage() == "http://h/bot<token>/getMe"
