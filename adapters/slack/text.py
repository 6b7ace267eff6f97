"""What a Slack message says, as plain text for the advisor, and the replies Niyam gives to bad input."""

from __future__ import annotations

import html
import re

MAX_DRAFT_CHARS = 4000

_USER = re.compile(r"<@([A-Z0-9]+)(?:\|[^>]*)?>")
_CHANNEL = re.compile(r"<#[A-Z0-9]+\|([^>]*)>")
_SPECIAL = re.compile(r"<!([a-z]+)(?:\^[^|>]*)?(?:\|([^>]*))?>")
_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>")
INDEX_WORD = re.compile(r"\bindex\b", re.IGNORECASE)

HELP = (
    "I check a draft post against the conduct rules and tell you whether you may post it, and why.\n"
    "• `/niyam your draft`: a private answer only you see\n"
    "• a direct message to me with the draft\n"
    "• `@Niyam your draft` in a channel: I answer in the thread\n"
    "• *Check this post with Niyam* in any message's ⋯ menu\n"
    "Choose AIS or CCS rules in my *Home* tab (or `/niyam service CCS`)."
)
EMPTY_MENTION = "Mention me together with the draft you want checked, e.g. `@Niyam Can I tweet about the new transfer policy?`\n\n" + HELP
ONLY_FILES = ("I can only read text: please paste the draft itself into the message. "
              "(Attachments and images are not read.)")
NO_TEXT_IN_MESSAGE = "That message has no text for me to check."
RATE_LIMITED = "You've asked me a lot in the last minute. Please wait a moment and try again."
SORRY = "Sorry, something went wrong while checking this. Please try again in a little while."


def too_long(n: int) -> str:
    return (f"That draft is {n:,} characters long; I check drafts up to {MAX_DRAFT_CHARS:,} characters. "
            "Please send the part you want checked (a post, a paragraph).")


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


def draft_problem(text: str, *, has_files: bool = False, empty_reply: str = EMPTY_MENTION) -> str | None:
    """A reply for input Niyam cannot check, or None when the draft can go to the advisor."""
    if not text.strip():
        return ONLY_FILES if has_files else empty_reply
    if len(text) > MAX_DRAFT_CHARS:
        return too_long(len(text))
    return None
