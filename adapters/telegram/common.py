"""Sending Niyam's replies in Telegram: the chat core's texts as Telegram HTML, replies that fall back to plain
text when Telegram rejects the HTML, the `typing…` indicator, and the inline keyboards."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from adapters.telegram import render
from chat import texts
from chat.say import Say, spoken
from knowledge.model import Rulebook

log = logging.getLogger("niyam.telegram")

TYPING_EVERY = 4.5  # seconds; Telegram shows a chat action for about five
FEEDBACK_CODES = {"h": "helpful", "n": "not_helpful", "w": "wrong_rule"}


def html_of(say: Say | str, **params: object) -> str:
    """A chat-core text as Telegram HTML."""
    if isinstance(say, str):
        say = Say(say, params)
    return say.render(render.esc, bold=("<b>", "</b>"), code=("<code>", "</code>"),
                      blocks={"preview": lambda s: f"<pre>{render.esc(s)}</pre>"})


def plain(say: Say | str, **params: object) -> str:
    """A chat-core text as plain text (button toasts and alerts show no markup)."""
    if isinstance(say, str):
        say = Say(say, params)
    return say.render(str, bold=("", ""), code=("", ""))


async def reply(msg: Message, text: str | Say, markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """A reply in the message's chat (quoting it in groups); plain text if Telegram rejects our HTML."""
    body = text if isinstance(text, str) else html_of(text)
    if not body:
        return None
    quote: dict[str, Any] = ({"do_quote": False} if msg.chat.type == ChatType.PRIVATE else {
        "reply_parameters": ReplyParameters(message_id=msg.message_id, allow_sending_without_reply=True)})
    try:
        return await msg.reply_text(body, parse_mode=ParseMode.HTML, reply_markup=markup,
                                    link_preview_options=LinkPreviewOptions(is_disabled=True), **quote)
    except BadRequest as exc:
        if "parse" not in str(exc).lower() and "entit" not in str(exc).lower():
            raise
        log.warning("Telegram rejected our HTML (%s); sending plain text", type(exc).__name__)
        return await msg.reply_text(html.unescape(re.sub(r"<[^>]+>", "", body)), reply_markup=markup,
                                    link_preview_options=LinkPreviewOptions(is_disabled=True), **quote)


async def tap_reply(query, context: ContextTypes.DEFAULT_TYPE, text: str | Say) -> None:
    """Replies under the message whose button was tapped (or, if Telegram no longer shows it, to its chat)."""
    if isinstance(query.message, Message):
        await reply(query.message, text)
        return
    chat_id = query.message.chat.id if query.message else query.from_user.id
    await context.bot.send_message(chat_id, text if isinstance(text, str) else html_of(text), parse_mode=ParseMode.HTML)


async def drop_buttons(query) -> None:
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(reply_markup=None)


@contextlib.asynccontextmanager
async def typing(msg: Message | None, context: ContextTypes.DEFAULT_TYPE, action: str = ChatAction.TYPING):
    """Shows `typing…` until the block ends, renewing it while the service works."""
    if msg is None:
        yield
        return
    first = asyncio.Event()
    thread = msg.message_thread_id if msg.is_topic_message else None

    async def keep_typing() -> None:
        while True:
            try:
                await context.bot.send_chat_action(msg.chat_id, action, message_thread_id=thread)
            except TelegramError as exc:
                log.debug("chat action failed: %s", type(exc).__name__)
            finally:
                first.set()
            await asyncio.sleep(TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(first.wait(), 2.0)  # let the first action land, in order
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def rulebook_keyboard(current: Rulebook) -> InlineKeyboardMarkup:
    def label(code: Rulebook) -> str:
        return ("✓ " if code == current else "") + f"{code} · {texts.RULEBOOK_SHORT[code]}"
    return InlineKeyboardMarkup([[InlineKeyboardButton(label(c), callback_data=f"svc:{c}")] for c in Rulebook])


def index_keyboard(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(spoken(texts.INDEX_BUTTON), callback_data=f"ix:y:{token}"),
        InlineKeyboardButton(spoken(texts.CANCEL_BUTTON), callback_data=f"ix:n:{token}"),
    ]])


def feedback_keyboard(token: str) -> InlineKeyboardMarkup:
    codes = {kind: code for code, kind in FEEDBACK_CODES.items()}
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=f"fb:{codes[kind]}:{token}")
                                  for kind, label in texts.FEEDBACK_BUTTONS.items()]])
