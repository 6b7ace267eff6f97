"""What Niyam does with each kind of Telegram update; the chat core (chat/) decides, this module speaks PTB.

Decisions (also in /help and the README):
- Private chat: any text (or a photo's caption) is a question. Groups: only when the bot is mentioned,
  replied to, or asked with /ask; a bare mention or an empty /ask in reply to someone's draft checks
  that draft.
- Drafts over the core's limit are refused with a clear reason, not truncated.
- Channel posts are ignored on purpose. An edited draft is checked again and its answer edited in place; a reply
  to an answer is read as a change to the draft it checked (adapters/telegram/context.py).
- Question text is never logged or stored; logs carry update ids, exception types and verdicts only.
- Handler group -1 holds the cross-cutting rule: an update id already handled (a webhook retry) stops there.
- Admin documents: adapters/telegram/admin.py.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from adapters.telegram.admin import TelegramAdmin
from adapters.telegram.commands import Commands
from adapters.telegram.common import FEEDBACK_CODES, html_of, plain, reply
from adapters.telegram.context import Context
from adapters.telegram.details import PATTERN as DETAILS_PATTERN
from adapters.telegram.details import AnswerButtons
from adapters.telegram.quiz import DIGEST_EVERY, TelegramQuiz
from chat import texts
from chat.core import ChatCore

log = logging.getLogger("niyam.telegram")

MESSAGE = filters.UpdateType.MESSAGE  # new messages only: not edits, not channel posts
PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS


class NiyamTelegram(Context, Commands, AnswerButtons):
    """The handlers, registered on an Application by `register`; state lives in the chat core."""

    def __init__(self, core: ChatCore, *, digest_every: float = DIGEST_EVERY):
        self.core = core
        self.admin = TelegramAdmin(core)
        self.quiz = TelegramQuiz(core, digest_every=digest_every)
        self.seen = core.seen  # in the shared database, so a webhook retry to another process is skipped too

    def register(self, app: Application) -> None:
        app.add_handler(TypeHandler(Update, self.set_language_of_update), group=-2)
        app.add_handler(TypeHandler(Update, self.skip_repeated_updates), group=-1)
        for name, callback in (("start", self.start), ("help", self.help), ("ask", self.ask),
                               ("service", self.choose_rulebook), ("rule", self.rule), ("sources", self.sources),
                               ("language", self.choose_language), ("index", self.admin.index_without_document)):
            app.add_handler(CommandHandler(name, callback, filters=MESSAGE))
        self.quiz.register(app)  # /quiz, /digest, /report, the quiz buttons and the digest job: before the catch-alls
        app.add_handler(MessageHandler(MESSAGE & filters.Document.ALL, self.admin.document))
        app.add_handler(MessageHandler(MESSAGE & filters.COMMAND, self.unknown_command))
        app.add_handler(MessageHandler(MESSAGE & filters.TEXT & PRIVATE, self.private_text))
        app.add_handler(MessageHandler(MESSAGE & filters.TEXT & GROUPS, self.group_text))
        app.add_handler(MessageHandler(MESSAGE & filters.CAPTION & PRIVATE, self.private_caption))
        app.add_handler(MessageHandler(MESSAGE & PRIVATE & ~filters.StatusUpdate.ALL, self.unsupported))
        app.add_handler(CallbackQueryHandler(self.feedback_tap, pattern=r"^fb:"))
        app.add_handler(CallbackQueryHandler(self.context_tap, pattern=r"^(svc|st|lang|ob):"))
        app.add_handler(CallbackQueryHandler(self.details_tap, pattern=DETAILS_PATTERN))
        app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION),
                                       self.edited))
        app.add_handler(CallbackQueryHandler(self.admin.index_tap, pattern=r"^ix:"))
        app.add_handler(CallbackQueryHandler(self.stale_tap))
        app.add_error_handler(self.on_error)

    async def skip_repeated_updates(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A webhook may deliver an update again (Telegram retries on timeouts): answer each update id once."""
        update_id = getattr(update, "update_id", None)
        if isinstance(update_id, int) and not await asyncio.to_thread(self.seen.first_time, update_id):
            log.info("skipped a repeated delivery of update %s", update_id)
            raise ApplicationHandlerStop

    # ------------------------------------------------------------ plain messages

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        parts = (msg.text or "").split(None, 1)  # keep the draft's own line breaks
        question = parts[1] if len(parts) > 1 else ""
        await self._answer_or_usage(msg, context, question, texts.TELEGRAM_ASK_USAGE, use_reply=not question.strip())

    async def private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await self._answer(update.effective_message, context, update.effective_message.text or "")

    async def private_caption(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await self._answer(update.effective_message, context, update.effective_message.caption or "")

    async def group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        assert msg is not None
        bot = context.bot
        me = f"@{bot.username}".lower() if bot.username else None
        text = msg.text or ""
        mentioned = False
        for entity, value in msg.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
            if (entity.type == MessageEntity.MENTION and me and value.lower() == me) or (
                    entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id):
                mentioned = True
                text = text.replace(value, " ", 1)
        replied = msg.reply_to_message
        if not (mentioned or (replied and replied.from_user and replied.from_user.id == bot.id)):
            return
        question = text.strip()
        await self._answer_or_usage(msg, context, question, texts.TELEGRAM_MENTION_USAGE,
                                    use_reply=not question and mentioned)

    # ------------------------------------------------------------ buttons

    async def feedback_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        _, code, token = ((query.data or "") + "::").split(":")[:3]
        said = self.core.feedback.record(token, self.core.key(query.from_user.id), FEEDBACK_CODES.get(code))
        await query.answer(plain(said))

    async def stale_tap(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer()

    # ------------------------------------------------------------ errors

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Logs a reference code, the update id and the exception's type (never its text); tells the person."""
        exc = context.error
        if exc is None:
            return
        said = self.core.failure(f"update {getattr(update, 'update_id', None)}", exc)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type == ChatType.CHANNEL or update.edited_message is not None:
            return
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(plain(said))
            else:
                await context.bot.send_message(update.effective_chat.id, html_of(said), parse_mode=ParseMode.HTML)
        except Exception as again:  # noqa: BLE001 - the apology itself may fail; never loop on it
            log.error("update %s: apology failed: %s", getattr(update, "update_id", None), type(again).__name__)

    # ------------------------------------------------------------ asking

    async def _answer(self, msg: Message, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
        question = question.strip()
        if not question:
            await reply(msg, html_of(texts.TELEGRAM_ASK_USAGE))
            return
        await self.converse(msg, context, question)

    async def _answer_or_usage(self, msg: Message, context: ContextTypes.DEFAULT_TYPE, question: str, usage: str,
                               *, use_reply: bool) -> None:
        """Answers the text, or the draft it replies to (unless that is one of Niyam's answers); else the usage."""
        if use_reply:
            replied = msg.reply_to_message
            mine = bool(replied and replied.from_user and replied.from_user.id == context.bot.id)
            question = "" if not replied or mine else (replied.text or replied.caption or "").strip()
            if not question:
                await reply(msg, html_of(usage))
                return
        await self._answer(msg, context, question)
