"""Telegram's quiz (/quiz and its buttons), the weekly digest (/digest, posted by PTB's JobQueue) and the
admins' /report; the chat core (chat/training.py) decides, this module speaks PTB.

A quiz button carries `qz:<round token>:<question number>:<choice>` (under Telegram's 64 bytes). A tap edits the
question into its reveal (so the buttons go) and sends the next question, or the score.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from adapters.telegram.commands import sender
from adapters.telegram.common import html_of, plain, reply, typing
from chat import texts
from chat.core import ChatCore
from chat.quiz import Question, Reveal
from chat.report import report_png
from chat.say import Say
from chat.training import Training

log = logging.getLogger("niyam.telegram")

MESSAGE = filters.UpdateType.MESSAGE
QUIZ_TAP = re.compile(r"qz:([\w-]{1,16}):(\d{1,2}):([acsn])")
DIGEST_EVERY = 60.0  # seconds between the JobQueue's looks at the digest schedule
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def quiz_keyboard(q: Question) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(label, callback_data=f"qz:{q.token}:{q.number}:{code}")
               for code, label in Training.choices(q.lang)]
    return InlineKeyboardMarkup([buttons[:2], buttons[2:]])



def lines_html(says: list[Say]) -> str:
    return "\n".join(html_of(s) if s.text else "" for s in says)


class TelegramQuiz:
    def __init__(self, core: ChatCore, *, digest_every: float = DIGEST_EVERY):
        self.core = core
        self.training = core.training
        self.digest_every = digest_every

    def register(self, app: Application) -> None:
        """Adds the commands and the tap handler (call before the catch-all handlers) and the digest job."""
        for name, callback in (("quiz", self.quiz), ("digest", self.digest), ("report", self.report)):
            app.add_handler(CommandHandler(name, callback, filters=MESSAGE))
        app.add_handler(CallbackQueryHandler(self.tap, pattern=r"^qz:"))
        if app.job_queue is None:  # python-telegram-bot without its job-queue extra
            log.warning("no JobQueue: the weekly quiz digest will not be posted")
            return
        app.job_queue.run_repeating(self.digest_tick, interval=self.digest_every, first=self.digest_every,
                                    name="niyam-digest")

    # ------------------------------------------------------------ the quiz

    async def quiz(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        user = sender(msg)
        profile = self.core.profile(user)
        started = await asyncio.to_thread(self.training.start, self.core.key(user), profile.rulebook, profile.lang)
        if isinstance(started, Say):
            await reply(msg, started)
            return
        await reply(msg, html_of(self.training.question_say(started, profile.rulebook)), quiz_keyboard(started))

    async def tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        m = QUIZ_TAP.fullmatch(query.data or "")
        if not m:
            await query.answer()
            return
        result = await asyncio.to_thread(self.training.answer, self.core.key(query.from_user.id), m.group(1),
                                         m.group(2), m.group(3), self.core.profile(query.from_user.id).lang)
        if isinstance(result, Say):
            await query.answer(plain(result), show_alert=True)
            return
        await query.answer()
        await self._reveal(query, context, result)

    async def _reveal(self, query, context: ContextTypes.DEFAULT_TYPE, r: Reveal) -> None:
        code = self.core.profile(query.from_user.id).rulebook
        says = ([self.training.question_say(r.asked, code), Say("")] if r.asked else []) + \
            self.training.reveal_says(r, "telegram")
        text = lines_html(says)
        msg = query.message if isinstance(query.message, Message) else None
        shown = False
        if msg is not None:
            try:  # the question becomes its reveal, so its buttons go
                await query.edit_message_text(text, parse_mode=ParseMode.HTML)
                shown = True
            except TelegramError as exc:  # too old to edit: send the reveal instead
                log.debug("could not edit a quiz question: %s", type(exc).__name__)
        chat_id = msg.chat_id if msg is not None else query.from_user.id
        if not shown:
            await context.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
        if r.next is not None:
            await context.bot.send_message(chat_id, html_of(self.training.question_say(r.next, code)),
                                           parse_mode=ParseMode.HTML, reply_markup=quiz_keyboard(r.next))

    # ------------------------------------------------------------ admins: the digest and the report

    async def _admin(self, msg: Message, command: str) -> bool:
        if msg.from_user is not None and self.core.is_admin(msg.from_user.id):
            return True
        await reply(msg, Say(texts.NOT_ADMIN_COMMAND, {"command": command}))
        return False

    async def digest(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/digest here` turns the weekly question on for this chat, `/digest off` stops it, `/digest` tells."""
        msg = update.effective_message
        assert msg is not None
        if not await self._admin(msg, "/digest"):
            return
        arg = (context.args or [""])[0].lower()
        chat = str(msg.chat_id)
        if arg in ("here", "on"):
            profile = self.core.profile(sender(msg))
            said = await asyncio.to_thread(self.training.set_digest, chat, self.core.key(sender(msg)),
                                           rulebook=profile.rulebook, lang=profile.lang)
        elif arg in ("off", "stop"):
            said = await asyncio.to_thread(self.training.drop_digest, chat)
        elif not arg:
            said = await asyncio.to_thread(self.training.digest_status, chat)
        else:
            said = Say(texts.DIGEST_USAGE, {"on": "/digest here", "off": "/digest off"})
        await reply(msg, said)

    async def digest_tick(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The JobQueue's look at the schedule: posts the questions and answers that are due."""
        for post in await asyncio.to_thread(self.training.due):
            try:
                await context.bot.send_message(int(post.target.channel), html_of(self.training.digest_say(post)),
                                               parse_mode=ParseMode.HTML)
                log.info("digest: posted a weekly %s", post.kind)
            except (TelegramError, ValueError) as exc:
                log.warning("digest: could not post a weekly %s: %s", post.kind, type(exc).__name__)
            finally:
                await asyncio.to_thread(self.training.posted, post)

    async def report(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`/report [YYYY-MM-DD]`: the report's charts as one PNG, for admins."""
        msg = update.effective_message
        assert msg is not None
        if not await self._admin(msg, "/report"):
            return
        since = None
        arg = (context.args or [""])[0]
        if arg:
            try:
                since = dt.date.fromisoformat(arg) if DATE.fullmatch(arg) else None
            except ValueError:
                pass
            if since is None:
                await reply(msg, Say(texts.REPORT_USAGE, {"command": "/report"}))
                return
        async with typing(msg, context, ChatAction.UPLOAD_PHOTO):
            png = await asyncio.to_thread(report_png, self.training.store, since)
        caption = Say(texts.REPORT_CAPTION, {"since": texts.REPORT_SINCE.format(date=since) if since else ""})
        await msg.reply_photo(png, caption=plain(caption), filename="niyam-report.png")
