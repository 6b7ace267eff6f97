"""What must never reach a user: the pack's confidence markers, research notes, document ids and concern ids.

Shared by the tests over the development set's answers (the Answer's fields, tests/bot/test_advisor.py) and
over what the three renderers show (tests/adapters/test_render_dev_set.py)."""

from __future__ import annotations

import re

INTERNAL = re.compile(r"\[(V|P|R|I|\?)(\+[A-Z])?\]|Recalled wording|In Niyam's reading|"
                      r"\b[a-z]+(-[a-z0-9]+){2,}\b|\b[a-z]+_[a-z_]+\b")
_URL = re.compile(r"https?://\S+")


def leaks(text: str) -> list[str]:
    """The internal markers and ids in `text`; links are left out (an address is not a label)."""
    return [m.group(0) for m in INTERNAL.finditer(_URL.sub(" ", text))]


def telegram_visible(html_text: str) -> str:
    """A Telegram HTML message as the person reads it (tags gone, entities read)."""
    import html

    return html.unescape(re.sub(r"<[^<>]*>", "", html_text))


def slack_visible(blocks: list[dict]) -> str:
    """A Block Kit message as the person reads it: the header, sections and context, not the buttons; a link
    `<url|label>` reads as its label, and Slack's three escapes are read."""
    texts: list[str] = []
    for b in blocks:
        if b.get("type") in ("header", "section"):
            texts.append(b["text"]["text"])
        elif b.get("type") == "context":
            texts += [e.get("text", "") for e in b.get("elements", [])]
    text = "\n".join(texts)
    text = re.sub(r"<([^<>|]+)\|([^<>]+)>", r"\2", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
