"""Telegram's commands (/help, /rule, /sources, unknown ones) and the replies to what Niyam cannot read; a mixin of
`NiyamTelegram` (adapters/telegram/handlers.py). /start, /service and /language: adapters/telegram/context.py."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.common import html_of, reply, typing
from chat import texts
from chat.core import ChatCore
from chat.say import Say

log = logging.getLogger("niyam.telegram")


def sender(msg: Message) -> int:
    return msg.from_user.id if msg.from_user else msg.chat_id


class Commands:
    core: ChatCore

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await reply(update.effective_message, html_of(texts.TELEGRAM_HELP))

    async def rule(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        ref = " ".join(context.args or []).strip()[:64]
        if not ref:
            await reply(msg, html_of(texts.TELEGRAM_RULE_USAGE))
            return
        refusal = self.core.within_limit(sender(msg))
        if refusal is not None:
            await reply(msg, refusal)
            return
        async with typing(msg, context):
            view = await self.core.rule(sender(msg), ref)
        if view is None:
            asked = self.core.rule_ref(sender(msg), ref)
            await reply(msg, Say(texts.TELEGRAM_RULE_NOT_FOUND, {"ref": asked, "code": asked.split(" ", 1)[0]}))
            return
        for text in render.pack(render.rule_sections(view)):
            await reply(msg, text)

    async def sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        refusal = self.core.within_limit(sender(msg))
        if refusal is not None:
            await reply(msg, refusal)
            return
        async with typing(msg, context):
            found = await self.core.sources()
        for text in render.pack(render.sources_sections(found)):
            await reply(msg, text)

    async def unknown_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        name, _, bot_name = (msg.text or "").split(None, 1)[0].partition("@")
        if msg.chat.type != ChatType.PRIVATE and bot_name.lower() != (context.bot.username or "").lower():
            return  # in a group a bare /command may be meant for another bot
        await reply(msg, Say(texts.TELEGRAM_UNKNOWN_COMMAND, {"command": name[:40]}))

    async def unsupported(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        if msg.voice or msg.audio or msg.video_note:
            await reply(msg, html_of(texts.TELEGRAM_NO_VOICE))
        elif msg.sticker:
            await reply(msg, html_of(texts.TELEGRAM_NO_STICKER))
        elif msg.photo:
            await reply(msg, html_of(texts.TELEGRAM_NO_IMAGE))
        else:
            await reply(msg, Say(texts.ONLY_TEXT, {"help": "/help"}))
