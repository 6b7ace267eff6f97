"""Telegram's commands (/start, /help, /service, /rule, /sources, unknown ones), the rulebook buttons, and the
replies to what Niyam cannot read; a mixin of `NiyamTelegram` (adapters/telegram/handlers.py)."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.common import html_of, reply, rulebook_keyboard, typing
from chat import texts
from chat.core import ChatCore
from chat.say import Say
from knowledge.errors import BadInput

log = logging.getLogger("niyam.telegram")


def sender(msg: Message) -> int:
    return msg.from_user.id if msg.from_user else msg.chat_id


class Commands:
    core: ChatCore

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        await reply(msg, html_of(texts.TELEGRAM_START), rulebook_keyboard(self.core.profile(sender(msg)).rulebook))

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await reply(update.effective_message, html_of(texts.TELEGRAM_HELP))

    async def choose_rulebook(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        if context.args:
            try:
                code = await self.core.set_rulebook(sender(msg), context.args[0])
            except BadInput:
                await reply(msg, Say(texts.SERVICE_UNKNOWN, {"example": "/service CCS"}),
                            rulebook_keyboard(self.core.profile(sender(msg)).rulebook))
                return
            await reply(msg, Say(texts.SERVICE_SET, {"code": code, "name": texts.RULEBOOK_NAMES[code],
                                                     "command": "/service"}))
            return
        current = self.core.profile(sender(msg)).rulebook
        await reply(msg, Say(texts.SERVICE_CHOOSE, {"code": current, "name": texts.RULEBOOK_NAMES[current]}),
                    rulebook_keyboard(current))

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
            await reply(msg, Say(texts.TELEGRAM_RULE_NOT_FOUND,
                                 {"ref": ref, "code": self.core.profile(sender(msg)).rulebook}))
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

    async def rulebook_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        try:
            code = await self.core.set_rulebook(query.from_user.id, (query.data or "").partition(":")[2])
        except BadInput:
            await query.answer()
            return
        await query.answer(texts.SERVICE_TAPPED.format(code=code))
        try:
            await query.edit_message_text(html_of(Say(texts.SERVICE_SET, {
                "code": code, "name": texts.RULEBOOK_NAMES[code], "command": "/service"})), parse_mode=ParseMode.HTML)
        except TelegramError as exc:
            log.debug("could not edit the rulebook message: %s", type(exc).__name__)

