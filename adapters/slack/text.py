"""What a Slack message says, as plain text for the advisor (the replies are worded in chat/texts.py)."""

from __future__ import annotations

import html
import re

_USER = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^>]*)>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
INDEX_WORD = re.compile(r"\bindex\b", re.IGNORECASE)

def plain_text(text: object, *, bot_user_id: str | None = None) -> str:
    """Slack's markup made plain: own mention removed, links and mentions readable, entities decoded."""
    if not isinstance(text, str):
        return ""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    text = _USER.sub("@someone", text)
    text = _CHANNEL.sub(lambda m: "#" + m.group(1), text)
    text = _SPECIAL.sub(lambda m: "@" + (m.group(2) or m.group(1)).lstrip("@"), text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = html.unescape(text)
    return re.sub(r"[ \t]+", " ", text).strip()
